package dev.apigw.emulator.migration;

import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Adds copied runtime data to this node: metrics records are appended to its published metrics (in chunks), and the
 * quota counters are merged into its own: an application only the source counted takes the source's cycle; one both
 * counted in the same cycle gets the sum; otherwise the later cycle wins (the earlier one has ended).
 */
final class LogsEventsWriter {
    private static final int CHUNK = 1_000;
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
        return chain.compose(v -> store.get(AssetType.SETTINGS, LogsEvents.QUOTA_COUNTERS)).compose(local -> {
            JsonObject merged = local == null ? new JsonObject() : local.getJsonObject("counters", new JsonObject()).copy();
            source.forEach(e -> {
                if (e.getValue() instanceof JsonObject cycle) merged.put(e.getKey(), merge(merged.getJsonObject(e.getKey()), cycle));
            });
            return store.put(AssetType.SETTINGS, LogsEvents.QUOTA_COUNTERS, new JsonObject().put("counters", merged));
        }).map(counts);
    }

    static JsonObject merge(JsonObject local, JsonObject source) {
        if (local == null) return source.copy();
        long ls = local.getLong("startTime", 0L);
        long ss = source.getLong("startTime", 0L);
        if (ls != ss) return (ss > ls ? source : local).copy();
        return new JsonObject().put("startTime", ls)
            .put("successCount", local.getLong("successCount", 0L) + source.getLong("successCount", 0L))
            .put("failureCount", local.getLong("failureCount", 0L) + source.getLong("failureCount", 0L));
    }
}
