package dev.apigw.emulator.ratelimit;

import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Token buckets in Redis for smooth throttles: one hash per limit key with the tokens left and when they were
 * counted. The bucket holds {@code limit} tokens and refills at {@code limit / windowMillis} per ms. One Lua script
 * per decision, on Redis {@code TIME}; the reply is {@code {allowed, tokens left, ms until reset}}.
 */
public final class RedisTokenBucketLimiter extends RedisScriptLimiter {
    static final String SCRIPT = """
        redis.replicate_commands()
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local cap = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local cost = tonumber(ARGV[3])
        local force = ARGV[4] == '1'
        local rate = cap / window
        local cur = redis.call('HMGET', KEYS[1], 't', 'at')
        local tokens = tonumber(cur[1])
        local at = tonumber(cur[2])
        if tokens == nil or at == nil then
          tokens = cap
          at = now
        end
        tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
        local allowed = 0
        if force or tokens >= cost then
          tokens = tokens - cost
          allowed = 1
        end
        redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], window * 2)
        local wait
        if allowed == 1 then wait = math.max(0, cap - tokens) / rate else wait = math.max(0, cost - tokens) / rate end
        return {allowed, math.floor(math.max(0, tokens)), math.ceil(wait)}
        """;

    public RedisTokenBucketLimiter(Redis redis, long timeoutMs) {
        this(new RedisPipelines(redis), timeoutMs);
    }

    RedisTokenBucketLimiter(RedisPipelines redis, long timeoutMs) {
        super(redis, SCRIPT, timeoutMs);
    }

    @Override
    Decision decision(Response r, long limit) {
        return new Decision(r.get(0).toInteger() == 1, limit, r.get(1).toLong(), r.get(2).toLong());
    }
}
