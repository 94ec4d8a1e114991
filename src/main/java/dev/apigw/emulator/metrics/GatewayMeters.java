package dev.apigw.emulator.metrics;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's Micrometer meters, exposed in Prometheus format: {@code gateway.requests} timers per API (tags
 * {@code api} = name/version, {@code method}, {@code status} = 2xx..5xx; never the raw path) and
 * {@code gateway.backend} per API, both with histogram buckets at {@link #SLO_BUCKETS}; the in-flight gauge, the
 * quiesce state gauge, counters of records published per kind and of completed quiesces; and the JVM and process
 * meters. Vert.x's own HTTP server/client meters land in the same registry when Main enabled them.
 * Thread-safe (Micrometer meters are); {@link #completed} runs on event loops and allocates nothing once an API's
 * timers exist.
 */
public final class GatewayMeters implements ExchangeObserver, Lifecycle {
    /**
     * Fixed bucket bounds rather than Micrometer's ~70 percentile-histogram buckets: 15 lines per series keep the
     * scrape small with many APIs, and cover a fast stub (1 ms) to the default backend timeout (30 s).
     */
    static final Duration[] SLO_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000);

    /**
     * Two of Micrometer's standard meters fail {@code promtool check metrics}: {@code system_cpu_count} (a
     * {@code _count} suffix on a gauge) is renamed {@code system_cpu_processors}; {@code process_cpu_time_ns_total}
     * (an abbreviated unit) is dropped, as {@code process_cpu_usage} carries the same information.
     */
    private static final MeterFilter PROMTOOL_CLEAN = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
        }

        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
        }
    };

    private final PrometheusMeterRegistry registry;
    private final Map<String, ApiTimers> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Map<String, Counter> quiesces = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Registers the gauges read at scrape time (requests in flight, the quiesce state's ordinal) and the JVM meters. */
    public GatewayMeters(PrometheusMeterRegistry registry, Supplier<Number> inFlight, Supplier<Enum<?>> quiesceState) {
        this.registry = registry;
        Gauge.builder("gateway.inflight", () -> inFlight.get().doubleValue())
            .description("Requests admitted on the main port and not yet answered").register(registry);
        Gauge.builder("gateway.quiesce.state", () -> quiesceState.get().ordinal())
            .description("0 ACTIVE, 1 DESIGNTIME_BLOCKED, 2 FLUSHING, 3 DRAINING, 4 QUIESCED").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * A registry for a node, with the filter that keeps the exposition promtool-clean; made before anything registers
     * a meter (Micrometer applies filters only to meters registered after them).
     */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(PROMTOOL_CLEAN);
        return registry;
    }

    private static Duration[] millis(long... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Duration.ofMillis(values[i]);
        return out;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void completed(Exchange exchange, int status) {
        ApiTimers api = timers.get(exchange.api().id());
        if (api == null) api = timers.computeIfAbsent(exchange.api().id(), id -> new ApiTimers(exchange.api()));
        api.timer(exchange.request().method().name(), status).record(exchange.totalNanos(),
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
            this.backend = Timer.builder("gateway.backend").tag("api", this.api).serviceLevelObjectives(SLO_BUCKETS)
                .description("Time from sending a request to the backend to its response head").register(registry);
        }

        Timer timer(String method, int status) {
            int m = methodIndex(method);
            int s = status <= 0 ? 0 : Math.min(Math.max(status / 100, 1), 5); // 0 = no response
            Timer t = byMethodAndStatus[m * 6 + s];
            if (t == null) {
                // a benign race: two threads may build the same timer; Micrometer returns the one registered
                t = Timer.builder("gateway.requests").tag("api", api).tag("method", METHODS[m])
                    .tag("status", s == 0 ? "none" : s + "xx").serviceLevelObjectives(SLO_BUCKETS)
                    .description("Runtime requests from arrival to the end of the response, per API, method and status class")
                    .register(registry);
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

    /** Counts a completed quiesce ({@code designtime} or {@code all}). */
    public void quiesced(String block) {
        quiesces.computeIfAbsent(block, b -> Counter.builder("gateway.quiesce.completed").tag("block", b)
            .description("Quiesce requests completed, by block (designtime, all)").register(registry)).increment();
    }

    /**
     * Back to the meters of a fresh start: the request and backend timers and the counters above are removed (and
     * recreated on next use). JVM, process and other components' meters are kept.
     */
    public void reset() {
        timers.clear();
        published.clear();
        quiesces.clear();
        for (Meter m : registry.getMeters()) {
            String name = m.getId().getName();
            if (name.equals("gateway.requests") || name.equals("gateway.backend") || name.equals("gateway.metrics.published")
                || name.equals("gateway.quiesce.completed")) {
                registry.remove(m);
            }
        }
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public String name() {
        return "JVM meters";
    }

    @Override
    public Future<Void> stop() {
        gc.close(); // its GC notification listeners would otherwise outlive the node
        return Future.succeededFuture();
    }
}
