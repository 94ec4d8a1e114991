package dev.apigw.emulator.ratelimit;

import dev.apigw.emulator.config.RateLimitConfig;
import dev.apigw.emulator.config.RateLimitConfig.OnStoreError;
import dev.apigw.emulator.store.RedisConnector;
import dev.apigw.emulator.store.RedisKeys;
import dev.apigw.emulator.store.SimulatedOutage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one place throttles ask for decisions, shared by all event loops and kept across route-table rebuilds (so
 * counts survive a policy change). With Redis, each decision is one script call; without Redis configured, the
 * in-memory limiters decide with the same semantics. When Redis fails, the caller's {@link OnStoreError} mode
 * decides instead, the decision is flagged and counted, and admitted requests are remembered in
 * {@link PendingHits} and added to Redis once it answers again.
 */
public final class RateLimitService {
    private final RateLimitConfig config;
    private final RateLimitMetrics metrics;
    private final Map<Algorithm, RateLimiter> primary = new EnumMap<>(Algorithm.class);
    private final Map<Algorithm, RateLimiter> fallback = new EnumMap<>(Algorithm.class);
    private final RedisAvailability availability;
    private final PendingHits pending = new PendingHits();
    private final ClientAddresses addresses;
    private final SimulatedOutage outage;
    private final RedisConnector redis;
    private LeasedFixedWindowLimiter leases;
    private final LocalFixedWindowLimiter fixedWindows;
    private final LocalTokenBucketLimiter buckets;

    /** @param redis the shared Redis, or null when no Redis is configured */
    public RateLimitService(Vertx vertx, RedisConnector redis, RateLimitConfig config, RateLimitMetrics metrics) {
        this(vertx, redis, config, metrics, new SimulatedOutage());
    }

    /** @param outage an emulator fault: while it declares rate limits down, decisions follow onStoreError */
    public RateLimitService(Vertx vertx, RedisConnector redis, RateLimitConfig config, RateLimitMetrics metrics,
                            SimulatedOutage outage) {
        this.config = config;
        this.metrics = metrics;
        this.outage = outage;
        this.redis = redis;
        this.fixedWindows = new LocalFixedWindowLimiter(config.maxEntries());
        this.buckets = new LocalTokenBucketLimiter(config.maxEntries());
        fallback.put(Algorithm.FIXED_WINDOW, fixedWindows);
        fallback.put(Algorithm.TOKEN_BUCKET, buckets);
        addresses = new ClientAddresses(config.maxClientAddresses());
        if (redis == null) {
            primary.putAll(fallback);
            availability = null;
        } else {
            RedisPipelines pipelines = new RedisPipelines(redis.client(), redis.clustered());
            RateLimiter fixed = new RedisFixedWindowLimiter(pipelines, config.redisTimeoutMs());
            if (config.leaseMax() > 0) {
                leases = new LeasedFixedWindowLimiter(pipelines, fixed, config.redisTimeoutMs(), config.leaseMax(),
                    config.clusterNodes());
            }
            primary.put(Algorithm.FIXED_WINDOW, leases == null ? fixed : leases);
            primary.put(Algorithm.TOKEN_BUCKET, new RedisTokenBucketLimiter(pipelines, config.redisTimeoutMs()));
            availability = new RedisAvailability(vertx, redis.client(), config.reconnectProbeMs(), config.redisTimeoutMs(),
                config.downAfterFailures(), config.downAfterMs());
            availability.onRecovered(() -> pending.replay(primary, availability::markDown));
        }
    }

    public RateLimitConfig config() {
        return config;
    }

    public RateLimitMetrics metrics() {
        return metrics;
    }

    /** True while Redis is configured but not answering: decisions follow onStoreError (health turns yellow). */
    public boolean degraded() {
        return outage.rateLimit() || (availability != null && !availability.isUp());
    }

    /**
     * One decision for one request. Never fails: a store failure becomes a degraded outcome. While Redis is judged
     * up, a call that failed is not yet an outage ({@link RedisAvailability}): a timed-out call (in doubt: Redis counts
     * it when it resumes) is admitted as is; a call that never reached Redis is decided by {@code mode} and, when
     * admitted, kept for the replay. Once Redis is judged down every call is decided by {@code mode}.
     */
    public Future<Outcome> acquire(Algorithm algorithm, String key, long limit, long windowMillis, OnStoreError mode) {
        if (outage.rateLimit()) return Future.succeededFuture(degradedDecision(algorithm, key, limit, windowMillis, mode, false));
        RateLimiter limiter = primary.get(algorithm);
        if (availability == null) return limiter.acquire(key, limit, windowMillis).map(d -> new Outcome(d, null));
        if (!availability.isUp()) return Future.succeededFuture(degradedDecision(algorithm, key, limit, windowMillis, mode, true));
        Future<RateLimiter.Decision> decided = limiter.acquire(key, limit, windowMillis);
        // a leased permit decides at once: answer without the two futures and closures of the asynchronous path
        if (decided.succeeded()) return Future.succeededFuture(answered(decided.result()));
        return decided.map(this::answered).recover(err -> {
            boolean down = availability.failed(err);
            boolean inDoubt = RedisAvailability.inDoubt(err);
            if (!down && inDoubt) {
                metrics.increment(RateLimitMetrics.DEGRADED, IN_DOUBT);
                return Future.succeededFuture(new Outcome(new RateLimiter.Decision(true, limit, -1, -1), null));
            }
            return Future.succeededFuture(degradedDecision(algorithm, key, limit, windowMillis, mode, !inDoubt));
        });
    }

    /** A decision Redis (or a batch it leased) took: Redis is answering, and hits of an earlier blip can go back. */
    private Outcome answered(RateLimiter.Decision d) {
        availability.succeeded();
        if (!pending.isEmpty()) pending.replay(primary, availability::markDown);
        return new Outcome(d, null);
    }

    /** The tag of decisions admitted because one call timed out while Redis was judged up. */
    public static final String IN_DOUBT = "IN_DOUBT";

    /**
     * @param remember add admitted hits to Redis once it answers: not when the request's own call may still be counted
     *                 by Redis (in doubt), nor for a simulated outage (Redis lost nothing)
     */
    private Outcome degradedDecision(Algorithm algorithm, String key, long limit, long windowMillis, OnStoreError mode,
                                     boolean remember) {
        metrics.increment(RateLimitMetrics.DEGRADED, mode.name());
        RateLimiter.Decision d = switch (mode) {
            case FAIL_OPEN -> new RateLimiter.Decision(true, limit, -1, -1);
            case FAIL_CLOSED -> new RateLimiter.Decision(false, limit, -1, config.reconnectProbeMs());
            case LOCAL -> local(algorithm, key, limit, windowMillis);
        };
        if (d.allowed() && remember) pending.add(algorithm, key, limit, windowMillis);
        return new Outcome(d, mode);
    }

    /**
     * Back to the counts of a fresh start (an emulator reset): every window and bucket, in memory and, with Redis,
     * the throttle and quota keys ({@code apigw:rl:*}, {@code apigw:quota:*}) shared by the cluster.
     */
    public Future<Void> reset() {
        fixedWindows.clear();
        buckets.clear();
        addresses.clear();
        pending.clear();
        if (leases != null) leases.clear();
        if (redis == null) return Future.succeededFuture();
        return RedisKeys.deleteMatching(redis.client(), "apigw:rl:*", 5_000)
            .compose(n -> RedisKeys.deleteMatching(redis.client(), "apigw:quota:*", 5_000)).mapEmpty();
    }

    /** This node's share of the limit, at least one request per window. */
    private RateLimiter.Decision local(Algorithm algorithm, String key, long limit, long windowMillis) {
        long share = Math.max(1, limit / config.clusterNodes());
        RateLimiter.Decision d = fallback.get(algorithm).acquire(key, share, windowMillis).result();
        return d;
    }

    /**
     * The counter key part of an anonymous caller: {@code ip:<address>}, or {@code ip:*} (one counter shared by all of
     * them) for a new address once {@code maxClientAddresses} addresses have live windows. Any thread.
     */
    public String addressKey(String address, long windowMillis) {
        return addresses.keyFor(address, windowMillis);
    }

    /** Hits admitted without Redis and not yet handed back to it. */
    public long pendingHits() {
        return pending.total();
    }
}
