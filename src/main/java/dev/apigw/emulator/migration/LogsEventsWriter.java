package dev.apigw.emulator.migration;

import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds copied runtime data to this node: metrics records are appended to its published metrics (in chunks), and the
 * quota counters are merged into its own {@link QuotaCounterStore} ({@link QuotaCounterStore#absorbed}): an application
 * only the source counted takes the source's cycle; one both counted in the same cycle gets the sum; otherwise the
 * later cycle wins (the earlier one has ended).
 */
final class LogsEventsWriter {
    private static final int CHUNK = 1_000;
    private final QuotaCounterStore counters;
    private final MetricsStore metrics;

    LogsEventsWriter(QuotaCounterStore counters, MetricsStore metrics) {
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
        return chain.compose(v -> counters.absorb(source)).map(counts); // merged per application, atomically
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
