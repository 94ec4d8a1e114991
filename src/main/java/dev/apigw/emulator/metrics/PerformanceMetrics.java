package dev.apigw.emulator.metrics;

import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.core.Vertx;
import java.util.function.BiConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Performance metrics per API per interval (count, success, failure, min/avg/max total and backend time),
 * published every {@code metricsPublishInterval}. Kind {@code performance_metrics}.
 */
public final class PerformanceMetrics extends ScheduledPublisher implements ExchangeObserver {
    public static final String KIND = "performance_metrics";

    private final Map<String, ApiStats> stats = new ConcurrentHashMap<>();

    public PerformanceMetrics(Vertx vertx, MetricsStore store, long intervalMs, BiConsumer<String, Integer> published) {
        super(vertx, store, intervalMs, published);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void completed(Exchange exchange, int status) {
        CompiledApi api = exchange.api();
        ApiStats s = stats.get(api.id());
        if (s == null) s = stats.computeIfAbsent(api.id(), id -> new ApiStats(id, api.name(), api.version()));
        s.record(status, exchange.totalNanos(), exchange.backendNanos());
    }

    @Override
    protected List<JsonObject> drain(Instant start, Instant end) {
        List<JsonObject> out = new ArrayList<>();
        for (ApiStats s : stats.values()) {
            JsonObject r = s.drain(start.toString(), end.toString());
            if (r != null) out.add(r.put("kind", KIND));
        }
        return out;
    }
}
