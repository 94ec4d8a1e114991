package dev.apigw.emulator.events;

/**
 * One event on its way into a store: what the in-memory columns need, read without building its document, and a
 * way to write that document. Built on an event loop, written on the writer thread; what it says is fixed once queued (the writer may
 * keep what it derived while writing it, e.g. the client address as text).
 */
interface EventRecord {

    EventType type();

    /** Epoch milliseconds. */
    long creationDate();

    /** An in-memory text field ({@link Fields#TEXT}) or null. */
    String text(int field);

    /** An in-memory number field ({@link Fields#NUMBER}) or {@link Fields#NONE}. */
    long number(int field);

    /**
     * Writes the document as one JSON object. {@code seq} is a number unique on this node, from which records
     * without an id of their own make one.
     */
    void write(JsonOut out, Fragments fragments, long seq);

    /**
     * Writes the event as the embedded store keeps it on disk: the product's document ({@link #write}) unless the
     * record has a shorter form the store expands back when it reads it ({@link ShortForm}).
     */
    default void writeStored(JsonOut out, Fragments fragments, long seq) {
        write(out, fragments, seq);
    }

    /** A second event the same exchange produced (a policy violation or an error), written right after this one. */
    default EventRecord derived() {
        return null;
    }
}
