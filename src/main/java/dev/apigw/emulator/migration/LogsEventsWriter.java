package dev.apigw.emulator.migration;

import dev.apigw.emulator.quota.PlanQuota;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds copied runtime data to this node: metrics records are appended to its published metrics (in chunks), and the
 * quota counters are merged into its own {@link QuotaCounterStore} ({@link QuotaCounterStore#absorbed}): an application
 * only the source counted takes the source's cycle; one both counted in the same cycle gets the sum; otherwise the
 * later cycle wins (the earlier one has ended). Both count in the same cycle when the later one started before the
 * earlier one's end (its plan's quota interval): a new node that served the application and persisted its counts
 * before the reindex started a cycle of its own, which is the old node's still running.
 */
final class LogsEventsWriter {
    private static final int CHUNK = 1_000;
    /** Plan look-ups at once: 10,000 applications in one go would overflow the Redis client's queue. */
    private static final int LOOKUP_CHUNK = 500;
    private final AssetStore store;
    private final QuotaCounterStore counters;
    private final MetricsStore metrics;

    LogsEventsWriter(AssetStore store, QuotaCounterStore counters, MetricsStore metrics) {
        this.store = store;
        this.counters = counters;
        this.metrics = metrics;
    }

    Future<JsonObject> write(LogsEvents data) {
        JsonObject counts = new JsonObject();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, List<JsonObject>> kind : data.records().entrySet()) {
            List<JsonObject> records = kind.getValue();
            counts.put(kind.getKey(), records.size());
            for (int from = 0; from < records.size(); from += CHUNK) {
                List<JsonObject> part = records.subList(from, Math.min(from + CHUNK, records.size()));
                chain = chain.compose(v -> metrics.append(kind.getKey(), part));
            }
        }
        Map<String, JsonObject> source = cycles(data.quotaCounters());
        counts.put("quotaCounters", source.size());
        if (source.isEmpty()) return chain.map(counts);
        Map<String, Long> intervals = new ConcurrentHashMap<>(); // filled by look-ups completing on the store's threads
        return chain.compose(v -> intervals(new ArrayList<>(source.keySet()), intervals)).compose(v -> {
            Map<String, JsonObject> withIntervals = new LinkedHashMap<>();
            source.forEach((app, cycle) -> withIntervals.put(app,
                cycle.copy().put(QuotaCounterStore.INTERVAL, intervals.getOrDefault(app, 0L))));
            return counters.absorb(withIntervals); // merged per application, atomically
        }).map(counts);
    }

    /** Each application's quota interval on this node (its plan arrived with reindex core); absent when it has none. */
    private Future<Void> intervals(List<String> apps, Map<String, Long> into) {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < apps.size(); from += LOOKUP_CHUNK) {
            List<String> part = apps.subList(from, Math.min(from + LOOKUP_CHUNK, apps.size()));
            chain = chain.compose(v -> Future.all(part.stream().map(app -> SubscriptionUsage.quotaFor(store, app)
                .otherwise((PlanQuota) null).onSuccess(q -> {
                    if (q != null) into.put(app, q.intervalMillis());
                })).toList()).mapEmpty());
        }
        return chain;
    }

    /** The cycles of a {@code quotaAccumulator} document ({@code {"counters": {app: cycle}}}), well-formed ones only. */
    static Map<String, JsonObject> cycles(JsonObject doc) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        if (doc == null || !(doc.getValue("counters") instanceof JsonObject all)) return out;
        all.forEach(e -> {
            if (e.getValue() instanceof JsonObject c && c.getValue("startTime") instanceof Number) out.put(e.getKey(), c);
        });
        return out;
    }
}
