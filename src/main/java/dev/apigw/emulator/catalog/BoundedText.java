package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;

/**
 * Text handed to a client-supplied regular expression, with a budget of character reads. A keyword such as
 * {@code (a+)+b} backtracks exponentially and would hold the event loop for minutes; the budget turns that into a
 * 400 after at most some tens of milliseconds. Ordinary keywords read each character a handful of times. Used by
 * the search API (assets and events) and by archive exports selected with a search body.
 */
public final class BoundedText implements CharSequence {
    static final long READS_PER_CHAR = 100_000;
    static final long MIN_READS = 1_000_000;
    /** About 50 ms of matching: the most one value may cost, however long it is. */
    static final long MAX_READS = 20_000_000;
    private final String text;
    private final long[] budget;

    private BoundedText(String text, long[] budget) {
        this.text = text;
        this.budget = budget;
    }

    /**
     * A view of {@code text} that may be read {@link #READS_PER_CHAR} times per character, within
     * [{@link #MIN_READS}, {@link #MAX_READS}]: enough for keywords with several {@code .*} on long values.
     */
    public static BoundedText of(String text) {
        return new BoundedText(text, new long[] {Math.min(MAX_READS, Math.max(MIN_READS, text.length() * READS_PER_CHAR))});
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
        return new BoundedText(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
