package dev.apigw.emulator.ratelimit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of throttle and quota decisions: policy violations per policy action, decisions taken without Redis per
 * {@code onStoreError} mode, allowed/rejected decisions and quota rejections per plan. Shared by every event loop;
 * increments are lock-free ({@link LongAdder}), and each counter is exported to the Micrometer registry (when one is
 * given) as a function counter read at scrape time, so counting costs no Micrometer work on the request path.
 * Names are dotted with the tag after a '|' ({@code gateway.ratelimit.violations|<actionId>}).
 */
public final class RateLimitMetrics {
    public static final String VIOLATIONS = "gateway.ratelimit.violations";
    public static final String DEGRADED = "gateway.ratelimit.degraded";
    public static final String DECISIONS = "gateway.ratelimit.decisions";
    public static final String QUOTA_EXCEEDED = "gateway.quota.exceeded";

    /** Each counter's tag name and description, for the exported meters. */
    private static final Map<String, String[]> EXPORTED = Map.of(
        VIOLATIONS, new String[] {"action", "Throttle policy violations (requests rejected over the limit), per policy action"},
        DEGRADED, new String[] {"mode", "Throttle decisions taken without Redis, per onStoreError mode"},
        DECISIONS, new String[] {"outcome", "Throttle decisions, allowed or rejected"},
        QUOTA_EXCEEDED, new String[] {"plan", "Requests rejected because the subscription's quota was used up, per plan id"});

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    /** Counters kept here only (tests). */
    public RateLimitMetrics() {
        this(null);
    }

    /** @param registry where the counters are exported, or null */
    public RateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void increment(String name, String tag) {
        counter(name, tag).increment();
    }

    /** The counter itself, for hot paths that look it up once and keep it. */
    public LongAdder counter(String name, String tag) {
        LongAdder a = counters.get(name + "|" + tag);
        return a != null ? a : counters.computeIfAbsent(name + "|" + tag, k -> export(name, tag, new LongAdder()));
    }

    private LongAdder export(String name, String tag, LongAdder adder) {
        String[] meta = EXPORTED.get(name);
        if (registry != null && meta != null) {
            FunctionCounter.builder(name, adder, LongAdder::sum).tag(meta[0], tag).description(meta[1]).register(registry);
        }
        return adder;
    }

    public long get(String name, String tag) {
        LongAdder a = counters.get(name + "|" + tag);
        return a == null ? 0 : a.sum();
    }

    /** Every counter by its full name, sorted: for a metrics endpoint or a test. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Back to zero (an emulator reset); the exported meters stay registered and read the zeroed counters. */
    public void reset() {
        counters.values().forEach(LongAdder::reset);
    }
}
