package dev.apigw.emulator.migration;

import dev.apigw.emulator.quota.PlanQuota;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds copied runtime data to this node: metrics records are appended to its published metrics (in chunks), and the
 * quota counters are merged into its own: an application only the source counted takes the source's cycle; one both
 * counted in the same cycle gets the sum; otherwise the later cycle wins (the earlier one has ended). Both count in
 * the same cycle when the later one started before the earlier one's end (its plan's quota interval): a new node that
 * served the application and persisted its counts before the reindex started a cycle of its own, which is the old
 * node's still running.
 */
final class LogsEventsWriter {
    private static final int CHUNK = 1_000;
    /** Plan look-ups at once: 10,000 applications in one go would overflow the Redis client's queue. */
    private static final int LOOKUP_CHUNK = 500;
    private final AssetStore store;
    private final MetricsStore metrics;

    LogsEventsWriter(AssetStore store, MetricsStore metrics) {
        this.store = store;
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
        JsonObject source = data.quotaCounters() == null ? new JsonObject() : data.quotaCounters().getJsonObject("counters", new JsonObject());
        counts.put("quotaCounters", source.size());
        if (source.isEmpty()) return chain.map(counts);
        Map<String, Long> intervals = new ConcurrentHashMap<>(); // filled by look-ups completing on the store's threads
        return chain.compose(v -> intervals(new ArrayList<>(source.fieldNames()), intervals))
            .compose(v -> store.get(AssetType.SETTINGS, LogsEvents.QUOTA_COUNTERS)).compose(local -> {
                JsonObject merged = local == null ? new JsonObject() : local.getJsonObject("counters", new JsonObject()).copy();
                source.forEach(e -> {
                    if (e.getValue() instanceof JsonObject cycle) {
                        merged.put(e.getKey(), merge(merged.getJsonObject(e.getKey()), cycle, intervals.getOrDefault(e.getKey(), 0L)));
                    }
                });
                return store.put(AssetType.SETTINGS, LogsEvents.QUOTA_COUNTERS, new JsonObject().put("counters", merged));
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

    /** Both cycles of one application; {@code intervalMillis} its quota's interval (0 when unknown). */
    static JsonObject merge(JsonObject local, JsonObject source, long intervalMillis) {
        if (local == null) return source.copy();
        long ls = local.getLong("startTime", 0L);
        long ss = source.getLong("startTime", 0L);
        long first = Math.min(ls, ss);
        boolean sameCycle = ls == ss || intervalMillis > 0 && Math.max(ls, ss) < first + intervalMillis;
        if (!sameCycle) return (ss > ls ? source : local).copy();
        return new JsonObject().put("startTime", first)
            .put("successCount", local.getLong("successCount", 0L) + source.getLong("successCount", 0L))
            .put("failureCount", local.getLong("failureCount", 0L) + source.getLong("failureCount", 0L));
    }
}
