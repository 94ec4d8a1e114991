package dev.apigw.emulator.quota;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.ExtendedSettings;
import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription quota counters (the product's {@code quotaAccumulator}): every runtime request of an identified
 * application is counted on this node without locks, and {@link #flush()} adds the counts to the
 * {@link QuotaCounterStore} every {@code pgmen.quotaSurvival.interval} seconds, so they survive a restart. The store
 * merges them atomically (several nodes flushing together lose nothing) and a flush changes no asset (nothing is
 * rebuilt). The plan interval of each application comes from the in-memory {@link SubscriptionDirectory}. Quiesce and
 * shutdown call {@link #flush()} too; flushes run one after another, never overlapping.
 */
public final class SubscriptionQuotas implements ExchangeObserver, Flushable, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionQuotas.class);

    /** Counts since the last flush; {@code since} starts a cycle when the store has none for the application yet. */
    private record Delta(LongAdder success, LongAdder failure, long since) {
        Delta() {
            this(new LongAdder(), new LongAdder(), System.currentTimeMillis());
        }
    }

    private final Vertx vertx;
    private final AssetStore store;
    private final QuotaCounterStore counters;
    private final SubscriptionDirectory directory;
    private final ExtendedSettings settings;
    private final Map<String, Delta> deltas = new ConcurrentHashMap<>();
    private Future<Integer> lastFlush = Future.succeededFuture(0);
    private volatile boolean stopped;
    private volatile long lastFlushAt = System.currentTimeMillis();

    public SubscriptionQuotas(Vertx vertx, AssetStore store, QuotaCounterStore counters, SubscriptionDirectory directory,
                              ExtendedSettings settings) {
        this.vertx = vertx;
        this.store = store;
        this.counters = counters;
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public void completed(Exchange exchange, int status) {
        String app = exchange.applicationId();
        if (app == null) return;
        Delta d = deltas.computeIfAbsent(app, k -> new Delta());
        (status >= 200 && status < 400 ? d.success : d.failure).increment();
    }

    /**
     * Back to the counts of a fresh store (an emulator reset): drops the counts not yet flushed and every stored cycle
     * ({@link QuotaCounterStore#clear}; with Redis, the cluster's).
     */
    public Future<Void> reset() {
        deltas.clear();
        return counters.clear();
    }

    @Override
    public String kind() {
        return "subscription_quota";
    }

    /** Adds every count taken since the last flush to the store; completes with the number of applications written. */
    @Override
    public synchronized Future<Integer> flush() {
        lastFlush = lastFlush.transform(ar -> persist());
        return lastFlush;
    }

    private Future<Integer> persist() {
        Map<String, long[]> taken = new java.util.HashMap<>();
        deltas.forEach((app, d) -> {
            long s = d.success.sumThenReset();
            long f = d.failure.sumThenReset();
            if (s + f > 0) taken.put(app, new long[] {s, f, d.since});
        });
        if (taken.isEmpty()) return Future.succeededFuture(0);
        long now = System.currentTimeMillis();
        List<QuotaCounterStore.Delta> batch = new ArrayList<>(taken.size());
        taken.forEach((app, n) -> {
            PlanQuota q = directory.quotaOf(app);
            batch.add(new QuotaCounterStore.Delta(app, n[2], q == null ? 0 : q.intervalMillis(), now, n[0], n[1]));
        });
        return counters.add(batch).map(v -> taken.size()).onFailure(err -> {
            LOG.warn("subscription quota flush failed; counts kept for the next one", err);
            taken.forEach((app, n) -> {
                Delta d = deltas.computeIfAbsent(app, k -> new Delta());
                d.success.add(n[0]);
                d.failure.add(n[1]);
            });
        });
    }

    /** Counts of this node not yet flushed: {success, failure, since (ms, or -1)}. */
    long[] pending(String app) {
        Delta d = deltas.get(app);
        return d == null ? new long[] {0, 0, -1} : new long[] {d.success.sum(), d.failure.sum(), d.since};
    }

    AssetStore store() {
        return store;
    }

    QuotaCounterStore counters() {
        return counters;
    }

    /**
     * Starts the periodic flush. A one-second tick compares the time since the last flush with the setting, so a
     * changed interval applies within a second.
     */
    @Override
    public Future<Void> start() {
        tick();
        return Future.succeededFuture();
    }

    private void tick() {
        vertx.setTimer(1_000, id -> {
            if (stopped) return;
            long now = System.currentTimeMillis();
            if (now - lastFlushAt < intervalMillis()) {
                tick();
                return;
            }
            lastFlushAt = now;
            flush().onComplete(ar -> {
                if (!stopped) tick();
            });
        });
    }

    /** Stops the periodic flush and writes what was counted since the last one. */
    @Override
    public Future<Void> stop() {
        stopped = true;
        return flush().<Void>mapEmpty().otherwiseEmpty();
    }

    private long intervalMillis() {
        try {
            return Math.max(1, Long.parseLong(settings.get(ExtendedSettings.QUOTA_SURVIVAL_INTERVAL).trim())) * 1000;
        } catch (RuntimeException e) {
            return 60_000;
        }
    }
}
