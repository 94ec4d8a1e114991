package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.GatewayException;

/**
 * Text handed to a client-supplied regular expression, with a budget of character reads: a keyword such as
 * {@code (a+)+b} backtracks exponentially, and the budget turns that into a 400 after some tens of milliseconds
 * instead of a worker thread lost for minutes (the admin API's asset search guards its keywords the same way).
 */
final class BoundedChars implements CharSequence {
    private static final long READS_PER_CHAR = 100_000;
    private static final long MIN_READS = 1_000_000;
    private static final long MAX_READS = 20_000_000;
    private final String text;
    private final long[] budget;

    private BoundedChars(String text, long[] budget) {
        this.text = text;
        this.budget = budget;
    }

    static BoundedChars of(String text) {
        return new BoundedChars(text, new long[] {Math.min(MAX_READS, Math.max(MIN_READS, text.length() * READS_PER_CHAR))});
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw GatewayException.admin(400, "KEYWORD_TOO_COMPLEX", "The search keyword is too complex to evaluate "
                + "(excessive backtracking); simplify the regular expression");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedChars(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
