package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.metrics.Flushable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events off the request path and into the store. {@link #offer} (any thread, typically an event loop) puts
 * an event on a bounded queue and never waits: when the queue is full the event is dropped and counted
 * ({@code gateway.events.dropped}). One thread of its own, {@code apigw-event-writer}, wakes every
 * {@code flushIntervalMs}, writes what queued up in batches of up to {@value #BATCH} records, and runs the store's
 * other mutations (purge, archive restore, retention) between batches, so the store has a single writer. {@link #flush}
 * (quiesce, shutdown) writes everything queued so far before it completes; {@link #stop} writes the rest and closes
 * the store.
 */
public final class EventWriter implements Flushable, Lifecycle {
    public static final String KIND = "transaction_events";
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
    /**
     * Records per store append: large, because an append to Redis costs round trips and records that wait in the
     * queue longer survive young collections into the old generation (resident memory). The CPU of a large append is
     * yielded to the event loops every {@link EventStore#YIELD_EVERY} records by the stores themselves.
     */
    private static final int BATCH = 8192;

    private final Vertx vertx;
    private final EventStore store;
    private final Path dataDir;
    private final long intervalNanos;
    /**
     * Bounded, so a stalled writer costs dropped events rather than memory. Event loops only {@code offer} (never
     * waits: a full queue refuses at once); only the writer thread takes, with {@code drainTo}, which does not wait
     * either: the writer parks between batches on its own thread.
     */
    private final ArrayBlockingQueue<EventRecord> queue;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Promise<Integer>> flushes = new ConcurrentLinkedQueue<>();
    private final Counter droppedFull;
    private final Counter droppedFailed;
    private final Counter written;
    private final Promise<Void> opened = Promise.promise();
    private volatile boolean running;
    private volatile long lastOverflowMs;
    /** Set while the store refuses writes, cleared by the next write or retention run it takes. */
    private volatile boolean writeFailing;
    private volatile long stored;
    private volatile String lastError;
    private Thread thread;
    /** Writer thread only: the warnings of failed writes ({@link #warnLost}). */
    private String lastWarned;
    private long lastWarnedMs;
    private long lostSinceWarning;

    public EventWriter(Vertx vertx, EventStore store, Path dataDir, EventsConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.store = store;
        this.dataDir = dataDir;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMs());
        this.queue = new ArrayBlockingQueue<>(config.queueSize());
        this.droppedFull = Counter.builder("gateway.events.dropped").tag("reason", "queue_full")
            .description("Events not recorded because the writer fell behind").register(registry);
        this.droppedFailed = Counter.builder("gateway.events.dropped").tag("reason", "write_failed")
            .description("Events lost because the store refused the write").register(registry);
        this.written = Counter.builder("gateway.events.written").description("Events written to the store").register(registry);
        Gauge.builder("gateway.events.queued", queue, ArrayBlockingQueue::size)
            .description("Events waiting for the writer thread").register(registry);
    }

    @Override
    public String name() {
        return "event writer";
    }

    /** Queues an event without waiting; false (and counted) when the writer is behind and the queue is full. */
    boolean offer(EventRecord event) {
        if (queue.offer(event)) return true;
        droppedFull.increment();
        lastOverflowMs = System.currentTimeMillis();
        return false;
    }

    /** Opens the store on the writer thread; the parts started after this one go on on a Vert.x context. */
    @Override
    public Future<Void> start() {
        running = true;
        thread = new Thread(this::run, "apigw-event-writer");
        thread.setDaemon(true);
        Context ctx = vertx.getOrCreateContext();
        Promise<Void> started = Promise.promise();
        opened.future().onComplete(ar -> ctx.runOnContext(v -> started.handle(ar)));
        thread.start();
        return started.future();
    }

    @Override
    public Future<Void> stop() {
        if (thread == null) return Future.succeededFuture();
        running = false;
        LockSupport.unpark(thread);
        Thread t = thread;
        return vertx.executeBlocking(() -> {
            t.join(30_000); // the rest of the queue is written first
            return null;
        }, false);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Writes everything queued so far; completes with the number of events written. */
    @Override
    public Future<Integer> flush() {
        Promise<Integer> p = Promise.promise();
        Future<Integer> answer = onCaller(p.future());
        flushes.add(p);
        LockSupport.unpark(thread);
        return answer;
    }

    /** Runs a store task on the writer thread, between batches; the future completes on the caller's context. */
    <T> Future<T> submit(Callable<T> task) {
        Promise<T> p = Promise.promise();
        Future<T> answer = onCaller(p.future());
        tasks.add(() -> {
            try {
                p.complete(task.call());
            } catch (Exception | Error e) {
                p.fail(e);
            }
        });
        LockSupport.unpark(thread);
        return answer;
    }

    /** Drops the queued events and removes every stored one, on the writer thread between batches. */
    Future<Long> clear() {
        return submit(() -> {
            queue.clear();
            long removed = store.delete(EventStore.allTypes(), Long.MIN_VALUE, Long.MAX_VALUE);
            stored = store.size();
            return removed;
        });
    }

    /** The writer thread is no Vert.x thread: callbacks go back to the caller's context. */
    private static <T> Future<T> onCaller(Future<T> f) {
        Context ctx = Vertx.currentContext();
        if (ctx == null) return f;
        Promise<T> out = Promise.promise();
        f.onComplete(ar -> ctx.runOnContext(v -> out.handle(ar)));
        return out.future();
    }

    private void run() {
        try {
            store.open(NodeIdentity.load(dataDir));
            stored = store.size();
            opened.complete();
        } catch (Exception e) {
            LOG.error("the event store cannot be opened: {}", e.getMessage(), e);
            opened.fail(e);
            return;
        }
        List<EventRecord> batch = new ArrayList<>(BATCH);
        long nextRetain = 0;
        while (true) {
            boolean last = !running;
            for (Runnable task; (task = tasks.poll()) != null; ) task.run();
            List<Promise<Integer>> waiting = new ArrayList<>();
            for (Promise<Integer> p; (p = flushes.poll()) != null; ) waiting.add(p);
            WriteResult result = writeQueued(batch);
            if (!waiting.isEmpty() || last) result = synced(result); // a quiesce or shutdown flush ends on disk
            for (Promise<Integer> p : waiting) {
                if (result.error == null) p.complete(result.count);
                else p.fail("writing events failed: " + result.error);
            }
            long now = System.currentTimeMillis();
            if (now >= nextRetain) {
                retain(now);
                nextRetain = now + store.retainEveryMs();
            }
            if (last && queue.isEmpty() && tasks.isEmpty()) break;
            // more came while writing: go on at once (a record that waits a whole interval more is likelier to
            // outlive a young collection and be promoted, and promoted garbage is what makes resident memory grow)
            boolean more = !queue.isEmpty();
            if (running && flushes.isEmpty() && tasks.isEmpty() && !more) LockSupport.parkNanos(this, intervalNanos);
        }
        store.close();
    }

    private record WriteResult(int count, String error) {
    }

    /**
     * Writes what is queued now, not what keeps coming while it writes: flush waiters, store tasks and retention must
     * not wait behind a stream of new events (the loop comes back for them).
     */
    private WriteResult writeQueued(List<EventRecord> batch) {
        int count = 0;
        int failed = 0;
        String error = null;
        int left = queue.size();
        while (left > 0 && drain(batch, Math.min(left, BATCH)) > 0) {
            left -= batch.size();
            try {
                store.append(batch);
                if (lastWarned != null) resumed(); // a failure streak ends
                writeFailing = false;
                count += batch.size();
                written.increment(batch.size());
            } catch (Exception | Error e) {
                error = e.getMessage();
                lastError = error;
                failed += batch.size();
                droppedFailed.increment(batch.size());
                writeFailing = true;
            }
            batch.clear();
        }
        if (failed > 0) warnLost(failed, error);
        return new WriteResult(count, error);
    }

    /**
     * One warning when writes start failing or fail for another reason, then at most one a minute with the count
     * since: a store that stays away (Redis down, the data directory gone) fails every batch, several a second.
     */
    private void warnLost(int failed, String error) {
        long now = System.currentTimeMillis();
        lostSinceWarning += failed;
        String reason = String.valueOf(error);
        if (reason.equals(lastWarned) && now - lastWarnedMs < 60_000) return;
        LOG.warn("{} events could not be written: {}", lostSinceWarning, reason);
        lastWarned = reason;
        lastWarnedMs = now;
        lostSinceWarning = 0;
    }

    /**
     * Writes work again: what the quiet minute of warnings did not report yet is said now, and the next failure warns
     * at once.
     */
    private void resumed() {
        if (lostSinceWarning > 0) {
            LOG.warn("{} more events could not be written before writes resumed", lostSinceWarning);
        }
        LOG.info("events are written again");
        lastWarned = null;
        lostSinceWarning = 0;
    }

    private WriteResult synced(WriteResult written) {
        try {
            store.sync();
            return written;
        } catch (Exception | Error e) {
            LOG.warn("events could not be synced to disk: {}", e.getMessage());
            return new WriteResult(written.count, written.error == null ? e.getMessage() : written.error);
        }
    }

    /** Takes up to {@code max} records off the queue (the event loops offer under the same lock, held briefly). */
    private int drain(List<EventRecord> batch, int max) {
        queue.drainTo(batch, max);
        return batch.size();
    }

    private void retain(long now) {
        try {
            store.retain(now);
            writeFailing = false;
            stored = store.size();
        } catch (Exception | Error e) {
            LOG.warn("event retention failed: {}", e.getMessage());
        }
    }

    /**
     * For health: {@code yellow} while the queue overflowed within the last minute, or while the store refuses writes
     * (until it takes one again: the store's own check reports the outage, and the engine turns green with it).
     */
    public io.vertx.core.json.JsonObject health() {
        boolean dropping = System.currentTimeMillis() - lastOverflowMs < 60_000 || writeFailing;
        return new io.vertx.core.json.JsonObject().put("status", dropping ? "yellow" : "green")
            .put("store", store.kind()).put("stored", stored).put("queued", queue.size())
            .put("droppedQueueFull", (long) droppedFull.count()).put("droppedWriteFailed", (long) droppedFailed.count())
            .put("lastError", lastError);
    }
}
