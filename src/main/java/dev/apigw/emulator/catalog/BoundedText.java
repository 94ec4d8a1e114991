package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;

/**
 * Text handed to a client-supplied regular expression, reading from one budget shared by every value of a request (a
 * search, an archive export selected by a search body): a number of character reads and a deadline (checked every few
 * thousand reads). The matcher is RE2/J, linear in the text, so the budget bounds the whole request however many values
 * it scans and however its keyword is written; past it the request is a 400, never a stuck thread.
 */
public final class BoundedText implements CharSequence {
    private final String text;
    private final Budget budget;

    /** One request's allowance; confined to the thread running the matching. */
    public static final class Budget {
        private static final int CHECK_EVERY = 4096;
        private long reads;
        private final long deadlineNanos;
        private int sinceCheck;

        public Budget(long maxReads, long timeMillis) {
            this.reads = maxReads;
            this.deadlineNanos = System.nanoTime() + timeMillis * 1_000_000;
        }

        void spend() {
            if (--reads < 0) throw exhausted();
            if (++sinceCheck >= CHECK_EVERY) {
                sinceCheck = 0;
                if (System.nanoTime() > deadlineNanos) throw exhausted();
            }
        }

        private static GatewayException exhausted() {
            return GatewayException.admin(400, "KEYWORD_TOO_COMPLEX", "The search is too costly to evaluate within the "
                + "node's search budget; narrow the types or simplify the keyword");
        }
    }

    public BoundedText(String text, Budget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        budget.spend();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
