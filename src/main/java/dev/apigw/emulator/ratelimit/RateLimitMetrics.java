package dev.apigw.emulator.ratelimit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of throttle decisions until the Micrometer registry takes them over: policy violations per policy action
 * and decisions taken without Redis per {@code onStoreError} mode. Shared by every event loop; increments are
 * lock-free. Names are dotted with the tag after a '|' ({@code gateway.ratelimit.violations|<actionId>}).
 */
public final class RateLimitMetrics {
    public static final String VIOLATIONS = "gateway.ratelimit.violations";
    public static final String DEGRADED = "gateway.ratelimit.degraded";
    public static final String DECISIONS = "gateway.ratelimit.decisions";

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void increment(String name, String tag) {
        counter(name, tag).increment();
    }

    /** The counter itself, for hot paths that look it up once and keep it. */
    public LongAdder counter(String name, String tag) {
        return counters.computeIfAbsent(name + "|" + tag, k -> new LongAdder());
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
}
