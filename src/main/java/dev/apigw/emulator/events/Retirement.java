package dev.apigw.emulator.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The segments the embedded store dropped (retention, purge), until no read can still hold one: then its file closes
 * and its columns go to the next segments ({@link Columns.Pool}). A read counts itself ({@link #reading}) before it
 * takes the segment array, so when {@link #release} sees no read running after a drop, nothing can read the dropped
 * segment any more and it goes at once; otherwise it waits for the query grace (a scan that started on it can still
 * finish). {@link #reading} runs on any thread; everything else on the event writer's thread.
 */
final class Retirement {
    private final long graceMs;
    private final Columns.Pool pool;
    private final List<Retired> retired = new ArrayList<>();
    private final AtomicInteger readers = new AtomicInteger();

    private record Retired(Segment segment, long at) {
    }

    Retirement(long graceMs, Columns.Pool pool) {
        this.graceMs = graceMs;
        this.pool = pool;
    }

    /** Runs one read; the segments it sees stay readable until it returns. */
    <T> T reading(Callable<T> read) throws Exception {
        readers.incrementAndGet();
        try {
            return read.call();
        } finally {
            readers.decrementAndGet();
        }
    }

    /** {@link #reading} for a read that throws nothing checked. */
    void reading(Runnable read) {
        readers.incrementAndGet();
        try {
            read.run();
        } finally {
            readers.decrementAndGet();
        }
    }

    /** A segment no longer in the store's array (that array was published before this call). */
    void retire(Segment s, long now) {
        retired.add(new Retired(s, now));
    }

    /** Closes and pools the retired segments no read can hold any more. */
    void release(long now) {
        boolean unread = readers.get() == 0; // read after the drops: a read that still holds one counts itself
        retired.removeIf(r -> {
            if (!unread && now - r.at() < graceMs) return false;
            r.segment().close();
            pool.give(r.segment().columns());
            return true;
        });
    }

    void closeAll() {
        for (Retired r : retired) r.segment().close();
        retired.clear();
    }
}
