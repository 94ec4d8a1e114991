package dev.apigw.emulator.config;

/**
 * How throttles and quotas decide: the status of a rejection, the bound on every Redis call, and what happens when
 * Redis cannot answer ({@link OnStoreError}). {@code clusterNodes} is the number of gateway nodes sharing one limit,
 * used by {@code LOCAL} to give each node its share and by leases to leave room for the others. {@code leaseMax}: a
 * node leases up to this many permits of a fixed-window throttle per Redis call (0 = one call per request). Redis is
 * judged down after {@code downAfterFailures} failed calls in a row, lasting at least {@code downAfterMs} when they are
 * timeouts. The in-memory limiters keep at most {@code maxEntries} counters, and at most {@code maxClientAddresses}
 * anonymous client addresses get counters of their own (further ones share one, {@code ip:*}).
 */
public record RateLimitConfig(OnStoreError onStoreError, int clusterNodes, long redisTimeoutMs, int rejectStatus,
                              long reconnectProbeMs, long leaseMax, int downAfterFailures, long downAfterMs,
                              int maxEntries, int maxClientAddresses) {

    /** The defaults of the settings added after the first six (tests build records by hand). */
    public RateLimitConfig(OnStoreError onStoreError, int clusterNodes, long redisTimeoutMs, int rejectStatus,
                           long reconnectProbeMs, long leaseMax) {
        this(onStoreError, clusterNodes, redisTimeoutMs, rejectStatus, reconnectProbeMs, leaseMax, 3, 1_000, 500_000,
            100_000);
    }

    /** What a throttle does when Redis fails or times out. */
    public enum OnStoreError {
        /** Allow the request (Kong, Gravitee default). */
        FAIL_OPEN,
        /** Reject with 503 (3scale with its backend listener down). */
        FAIL_CLOSED,
        /** Enforce limit ÷ clusterNodes in this node's memory. */
        LOCAL
    }

    public RateLimitConfig {
        if (rejectStatus != 429 && rejectStatus != 503) {
            throw new ConfigException("rateLimit.rejectStatus", "must be 429 or 503, was " + rejectStatus);
        }
    }

    static RateLimitConfig from(ConfigReader r) {
        return new RateLimitConfig(r.choice("onStoreError", OnStoreError.class), r.integer("clusterNodes", 1, 1024),
            r.number("redisTimeoutMs", 1, 60_000), r.integer("rejectStatus", 100, 599),
            r.number("reconnectProbeMs", 10, 1_000), r.number("leaseMax", 0, 1_000_000),
            r.integer("downAfterFailures", 1, 1_000_000), r.number("downAfterMs", 0, 600_000),
            r.integer("maxEntries", 1_000, 100_000_000), r.integer("maxClientAddresses", 100, 10_000_000));
    }
}
