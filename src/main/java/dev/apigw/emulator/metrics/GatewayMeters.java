package dev.apigw.emulator.metrics;

import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's Micrometer meters, exposed in Prometheus format: {@code gateway.requests} timers per API (tags
 * {@code api} = name/version, {@code method}, {@code status} = 2xx..5xx; never the raw path), the in-flight gauge,
 * the quiesce state gauge and counters of records published per kind. Vert.x's own HTTP server/client meters land
 * in the same registry when Main enabled them. Thread-safe (Micrometer meters are).
 */
public final class GatewayMeters implements ExchangeObserver {
    private final PrometheusMeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    public GatewayMeters(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Registers gauges read at scrape time: requests in flight and the quiesce state (ordinal and name). */
    public void gauges(Supplier<Number> inFlight, Supplier<Enum<?>> quiesceState) {
        Gauge.builder("gateway.inflight", () -> inFlight.get().doubleValue())
            .description("Requests admitted on the main port and not yet answered").register(registry);
        Gauge.builder("gateway.quiesce.state", () -> quiesceState.get().ordinal())
            .description("0 ACTIVE, 1 DESIGNTIME_BLOCKED, 2 FLUSHING, 3 DRAINING, 4 QUIESCED").register(registry);
    }

    @Override
    public void completed(Exchange exchange, int status) {
        String method = exchange.request().method().name();
        String statusClass = status <= 0 ? "none" : (status / 100) + "xx";
        String api = exchange.api().name() + "/" + exchange.api().version();
        Timer timer = timers.computeIfAbsent(api + '\n' + method + '\n' + statusClass, k -> Timer.builder("gateway.requests")
            .tag("api", api).tag("method", method).tag("status", statusClass).register(registry));
        timer.record(System.nanoTime() - exchange.startNanos(), TimeUnit.NANOSECONDS);
    }

    /** Counts records (or counters) published or flushed for a kind. */
    public void published(String kind, int records) {
        published.computeIfAbsent(kind, k -> Counter.builder("gateway.metrics.published").tag("kind", k)
            .description("Records written to the data store by scheduled publications and flushes").register(registry))
            .increment(records);
    }

    public String scrape() {
        return registry.scrape();
    }
}
