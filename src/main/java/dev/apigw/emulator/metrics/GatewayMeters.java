package dev.apigw.emulator.metrics;

import dev.apigw.emulator.runtime.CompiledApi;
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
    private final Map<String, ApiTimers> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    /** Registers the gauges read at scrape time: requests in flight and the quiesce state (its ordinal). */
    public GatewayMeters(PrometheusMeterRegistry registry, Supplier<Number> inFlight, Supplier<Enum<?>> quiesceState) {
        this.registry = registry;
        Gauge.builder("gateway.inflight", () -> inFlight.get().doubleValue())
            .description("Requests admitted on the main port and not yet answered").register(registry);
        Gauge.builder("gateway.quiesce.state", () -> quiesceState.get().ordinal())
            .description("0 ACTIVE, 1 DESIGNTIME_BLOCKED, 2 FLUSHING, 3 DRAINING, 4 QUIESCED").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void completed(Exchange exchange, int status) {
        ApiTimers api = timers.get(exchange.api().id());
        if (api == null) api = timers.computeIfAbsent(exchange.api().id(), id -> new ApiTimers(exchange.api()));
        api.timer(exchange.request().method().name(), status).record(System.nanoTime() - exchange.startNanos(),
            TimeUnit.NANOSECONDS);
        if (exchange.backendNanos() >= 0) api.backend.record(exchange.backendNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The timers of one API, by method and status class, created on first use. Looked up per request by index, not
     * by a composed string key, since this runs for every request.
     */
    private final class ApiTimers {
        private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "OTHER"};
        private final String api;
        private final Timer[] byMethodAndStatus = new Timer[METHODS.length * 6];
        /** The HTTP client side: time to the backend's response head. */
        private final Timer backend;

        ApiTimers(CompiledApi api) {
            this.api = api.name() + "/" + api.version();
            this.backend = Timer.builder("gateway.backend").tag("api", this.api)
                .description("Time from sending a request to the backend to its response head").register(registry);
        }

        Timer timer(String method, int status) {
            int m = methodIndex(method);
            int s = status <= 0 ? 0 : Math.min(Math.max(status / 100, 1), 5); // 0 = no response
            Timer t = byMethodAndStatus[m * 6 + s];
            if (t == null) {
                // a benign race: two threads may build the same timer; Micrometer returns the one registered
                t = Timer.builder("gateway.requests").tag("api", api).tag("method", METHODS[m])
                    .tag("status", s == 0 ? "none" : s + "xx").register(registry);
                byMethodAndStatus[m * 6 + s] = t;
            }
            return t;
        }

        private static int methodIndex(String method) {
            for (int i = 0; i < METHODS.length - 1; i++) if (METHODS[i].equals(method)) return i;
            return METHODS.length - 1;
        }
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
