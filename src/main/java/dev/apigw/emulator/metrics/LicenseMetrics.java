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
import java.util.concurrent.atomic.LongAdder;

/** Transaction license metrics: transactions per API per interval (30 minutes by default). Kind {@code license_metrics}. */
public final class LicenseMetrics extends ScheduledPublisher implements ExchangeObserver {
    public static final String KIND = "license_metrics";

    private record Counter(CompiledApi api, LongAdder transactions) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LicenseMetrics(Vertx vertx, MetricsStore store, long intervalMs, BiConsumer<String, Integer> published) {
        super(vertx, store, intervalMs, published);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void completed(Exchange exchange, int status) {
        CompiledApi api = exchange.api();
        Counter c = counters.get(api.id());
        if (c == null) c = counters.computeIfAbsent(api.id(), id -> new Counter(api, new LongAdder()));
        c.transactions().increment();
    }

    @Override
    protected List<JsonObject> drain(Instant start, Instant end) {
        List<JsonObject> out = new ArrayList<>();
        for (Counter c : counters.values()) {
            long n = c.transactions().sumThenReset();
            if (n == 0) continue;
            out.add(new JsonObject().put("kind", KIND).put("apiId", c.api().id()).put("apiName", c.api().name())
                .put("apiVersion", c.api().version()).put("intervalStart", start.toString())
                .put("intervalEnd", end.toString()).put("transactions", n));
        }
        return out;
    }
}
