package dev.apigw.emulator.metrics;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Flushable} that publishes its accumulated records to the {@link MetricsStore} every interval. A flush
 * (quiesce, shutdown) publishes at once and restarts the interval, as the product "resets the scheduler".
 * Accumulation is lock-free in subclasses; the timer is the only shared mutable part and is guarded by this.
 */
public abstract class ScheduledPublisher implements Flushable, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPublisher.class);

    private final Vertx vertx;
    private final MetricsStore store;
    private volatile long intervalMs;
    private final BiConsumer<String, Integer> published;
    private final Queue<JsonObject> unpublished = new ConcurrentLinkedQueue<>();
    private long timer = -1;
    private Instant intervalStart = Instant.now();

    /** @param published told (kind, records) after each successful publication: the Micrometer flush counters */
    protected ScheduledPublisher(Vertx vertx, MetricsStore store, long intervalMs, BiConsumer<String, Integer> published) {
        this.vertx = vertx;
        this.store = store;
        this.intervalMs = intervalMs;
        this.published = published;
    }

    @Override
    public Future<Void> start() {
        // a timer id swap, never a wait: the scheduler, a quiesce flush and an interval change may race
        synchronized (this) {
            schedule();
        }
        return Future.succeededFuture();
    }

    /** Stops the schedule and publishes what was counted since the last publication (kept if that fails). */
    @Override
    public Future<Void> stop() {
        // same monitor, same reason as start()
        synchronized (this) {
            if (timer >= 0) vertx.cancelTimer(timer);
            timer = -1;
        }
        return flush().<Void>mapEmpty().otherwiseEmpty();
    }

    public long intervalMs() {
        return intervalMs;
    }

    /**
     * Changes the interval; the current one restarts with the new length. Same monitor as flush(): a field write and a
     * timer swap, never a wait, so an admin call on an event loop holds it for microseconds.
     */
    public synchronized void interval(long ms) {
        intervalMs = ms;
        if (timer >= 0) schedule();
    }

    @Override
    public Future<Integer> flush() {
        Instant start;
        Instant end = Instant.now();
        // a few field swaps, never I/O: the scheduler and a quiesce flush may race on different event loops
        synchronized (this) {
            start = intervalStart;
            intervalStart = end;
            if (timer >= 0) schedule();
        }
        List<JsonObject> records = new ArrayList<>();
        for (JsonObject r; (r = unpublished.poll()) != null; ) records.add(r);
        records.addAll(drain(start, end));
        return store.append(kind(), records).map(v -> {
            published.accept(kind(), records.size());
            return records.size();
        }).onFailure(err -> unpublished.addAll(records)); // the store is down: retried with the next publication
    }

    /** Discards what was counted and not yet published, and restarts the interval (an emulator reset). */
    public Future<Void> reset() {
        Instant now = Instant.now();
        // same monitor as flush(): two field writes and a timer swap, held for microseconds, never around I/O
        synchronized (this) {
            intervalStart = now;
            if (timer >= 0) schedule();
        }
        unpublished.clear();
        drain(now, now);
        return Future.succeededFuture();
    }

    /** Takes everything accumulated since the last publication (resetting it) as records for the interval. */
    protected abstract List<JsonObject> drain(Instant start, Instant end);

    private void schedule() {
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = vertx.setTimer(intervalMs, t -> flush().onFailure(err ->
            LOG.warn("{} publication failed, kept for the next one: {}", kind(), err.getMessage())));
    }
}
