package dev.apigw.emulator.events;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a node keeps events: the embedded segment log under the data directory, or Redis streams. All methods block:
 * {@link #open}, {@link #append}, {@link #delete}, {@link #retain} and {@link #close} run on the event writer's
 * thread only (one at a time); {@link #scan} and {@link #document} run on worker threads, concurrently with them
 * and with each other. Never called on an event loop.
 */
interface EventStore {
    /**
     * Records encoded between two yields of the writer thread inside one append. The writer shares the CPU with the
     * event loops (one core in a container), and encoding the ~2,000 events that queue up in 200 ms at 10,000 req/s
     * is 2–3 ms of CPU that the scheduler let run in one go while requests waited (it set the paced p99); yielding
     * every 128 records bounds that wait to a fraction of a millisecond without splitting the append.
     */
    int YIELD_EVERY = 128;

    /** Called by an append for each record it encodes: gives the CPU to the event loops every {@link #YIELD_EVERY}. */
    static void yieldEvery(int encoded) {
        if (encoded % YIELD_EVERY == YIELD_EVERY - 1) Thread.yield();
    }

    /** Loads or connects; the node's identity names what it writes. */
    void open(NodeIdentity node) throws Exception;

    /**
     * Stores the records in order; throws when the store cannot take them. A failure may leave a first part stored
     * (Redis takes them a pipeline at a time), never a later record without an earlier one; the writer counts the
     * whole batch as lost.
     */
    void append(List<EventRecord> records) throws Exception;

    /** Makes what {@link #append} stored durable on disk (a quiesce or shutdown flush); no-op where not applicable. */
    default void sync() throws Exception {
    }

    /**
     * Hands every stored event of the given types with a creationDate in [lo, hi] to {@code sink} (possibly a few
     * outside: the sink checks), oldest segment or stream first, charging {@code budget}.
     */
    void scan(long lo, long hi, boolean[] types, Budget budget, Consumer<EventView> sink);

    /** The document of an event a scan handed out, within the {@link #reading} that scanned it. */
    JsonObject document(Object handle);

    /**
     * Runs one read: scans and the documents of the handles they handed out. Handles are valid only inside it. The
     * embedded store reuses the memory of dropped segments as soon as no read is running.
     */
    default <T> T reading(java.util.concurrent.Callable<T> read) throws Exception {
        return read.call();
    }

    /** Stores events restored from an archive (documents that have their ids already). */
    default void restore(List<EventRecord> records) throws Exception {
        append(records);
    }

    /** Removes the events of the given types with a creationDate in [from, until]; returns how many. */
    long delete(boolean[] types, long from, long until) throws Exception;

    /** Applies the retention (count and age) as of {@code now}. */
    void retain(long now) throws Exception;

    /** How often the writer calls {@link #retain}: every ten seconds unless the store needs it more often. */
    default long retainEveryMs() {
        return 10_000;
    }

    /** Events stored (after retention), for health and tests. */
    long size();

    /** {@code embedded} or {@code redis}. */
    String kind();

    void close();

    /** Every type. */
    static boolean[] allTypes() {
        boolean[] all = new boolean[EventType.values().length];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /** Types from a list. */
    static boolean[] types(List<EventType> types) {
        boolean[] mask = new boolean[EventType.values().length];
        for (EventType t : types) mask[t.ordinal()] = true;
        return mask;
    }
}
