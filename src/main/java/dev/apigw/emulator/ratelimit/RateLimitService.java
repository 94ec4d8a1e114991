package dev.apigw.emulator.ratelimit;

import dev.apigw.emulator.config.RateLimitConfig;
import dev.apigw.emulator.config.RateLimitConfig.OnStoreError;
import dev.apigw.emulator.store.RedisConnector;
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

    /** @param redis the shared Redis, or null when no Redis is configured */
    public RateLimitService(Vertx vertx, RedisConnector redis, RateLimitConfig config, RateLimitMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        fallback.put(Algorithm.FIXED_WINDOW, new LocalFixedWindowLimiter());
        fallback.put(Algorithm.TOKEN_BUCKET, new LocalTokenBucketLimiter());
        if (redis == null) {
            primary.putAll(fallback);
            availability = null;
        } else {
            RedisPipelines pipelines = new RedisPipelines(redis.client(), redis.clustered());
            RateLimiter fixed = new RedisFixedWindowLimiter(pipelines, config.redisTimeoutMs());
            primary.put(Algorithm.FIXED_WINDOW, config.leaseMax() == 0 ? fixed : new LeasedFixedWindowLimiter(pipelines,
                fixed, config.redisTimeoutMs(), config.leaseMax(), config.clusterNodes()));
            primary.put(Algorithm.TOKEN_BUCKET, new RedisTokenBucketLimiter(pipelines, config.redisTimeoutMs()));
            availability = new RedisAvailability(vertx, redis.client(), config.reconnectProbeMs(), config.redisTimeoutMs());
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
        return availability != null && !availability.isUp();
    }

    /** One decision for one request. Never fails: a store failure becomes a degraded outcome. */
    public Future<Outcome> acquire(Algorithm algorithm, String key, long limit, long windowMillis, OnStoreError mode) {
        RateLimiter limiter = primary.get(algorithm);
        if (availability == null) return limiter.acquire(key, limit, windowMillis).map(d -> new Outcome(d, null));
        if (!availability.isUp()) return Future.succeededFuture(degradedDecision(algorithm, key, limit, windowMillis, mode));
        return limiter.acquire(key, limit, windowMillis).map(d -> {
            availability.succeeded();
            return new Outcome(d, null);
        }).recover(err -> {
            availability.failed(err);
            return Future.succeededFuture(degradedDecision(algorithm, key, limit, windowMillis, mode));
        });
    }

    private Outcome degradedDecision(Algorithm algorithm, String key, long limit, long windowMillis, OnStoreError mode) {
        metrics.increment(RateLimitMetrics.DEGRADED, mode.name());
        RateLimiter.Decision d = switch (mode) {
            case FAIL_OPEN -> new RateLimiter.Decision(true, limit, -1, -1);
            case FAIL_CLOSED -> new RateLimiter.Decision(false, limit, -1, config.reconnectProbeMs());
            case LOCAL -> local(algorithm, key, limit, windowMillis);
        };
        if (d.allowed()) pending.add(algorithm, key, limit, windowMillis);
        return new Outcome(d, mode);
    }

    /** This node's share of the limit, at least one request per window. */
    private RateLimiter.Decision local(Algorithm algorithm, String key, long limit, long windowMillis) {
        long share = Math.max(1, limit / config.clusterNodes());
        RateLimiter.Decision d = fallback.get(algorithm).acquire(key, share, windowMillis).result();
        return d;
    }

    /** Hits admitted without Redis and not yet handed back to it. */
    public long pendingHits() {
        return pending.total();
    }
}
