package dev.apigw.emulator.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;

/**
 * A limiter whose every decision is one Lua script call in Redis ({@link RedisScript}): the algorithms differ only
 * in their script and in how they read its reply. The script receives {@code limit, windowMillis, cost, force}.
 */
abstract class RedisScriptLimiter implements RateLimiter {
    private final RedisScript script;

    RedisScriptLimiter(RedisPipelines redis, String source, long timeoutMs) {
        this.script = new RedisScript(redis, source, timeoutMs);
    }

    @Override
    public final Future<Decision> acquire(String key, long limit, long windowMillis) {
        return script.run(key, limit, windowMillis, 1, 0).map(r -> decision(r, limit));
    }

    @Override
    public final Future<Decision> record(String key, long limit, long windowMillis, long hits) {
        return script.run(key, limit, windowMillis, hits, 1).map(r -> decision(r, limit));
    }

    /** The script's reply {@code [allowed, count-or-remaining, resetMillis]} as a decision. */
    abstract Decision decision(Response reply, long limit);
}
