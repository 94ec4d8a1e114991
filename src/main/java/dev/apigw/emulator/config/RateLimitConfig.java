package dev.apigw.emulator.config;

/**
 * How throttles and quotas decide: the status of a rejection, the bound on every Redis call, and what happens when
 * Redis cannot answer ({@link OnStoreError}). {@code clusterNodes} is the number of gateway nodes sharing one limit,
 * used by {@code LOCAL} to give each node its share and by leases to leave room for the others. {@code leaseMax}: a
 * node leases up to this many permits of a fixed-window throttle per Redis call (0 = one call per request).
 */
public record RateLimitConfig(OnStoreError onStoreError, int clusterNodes, long redisTimeoutMs, int rejectStatus,
                              long reconnectProbeMs, long leaseMax) {

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
            r.number("reconnectProbeMs", 10, 1_000), r.number("leaseMax", 0, 1_000_000));
    }
}
