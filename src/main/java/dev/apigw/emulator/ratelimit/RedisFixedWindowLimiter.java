package dev.apigw.emulator.ratelimit;

import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Fixed windows in Redis, the webMethods throttle semantics, shared by every node: one hash per limit key holding
 * the window's start and count. One Lua script per decision reads Redis {@code TIME} (never a node's clock), opens a
 * new window when the last one ended, counts the request if it fits and sets the expiry: one atomic round trip.
 * Callers pass keys with a {@code {hash tag}} so a limit never spans cluster slots.
 */
public final class RedisFixedWindowLimiter extends RedisScriptLimiter {
    /**
     * The window as both fixed-window scripts read it (this one and {@link LeasedFixedWindowLimiter}'s): Redis
     * {@code TIME} as {@code now}, {@code limit} and {@code window} from ARGV[1] and ARGV[2], and the current
     * {@code start} and {@code count}, a new window opened when the last one ended.
     */
    static final String WINDOW = """
        redis.replicate_commands()
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local cur = redis.call('HMGET', KEYS[1], 's', 'c')
        local start = tonumber(cur[1])
        local count = tonumber(cur[2]) or 0
        if start == nil or now >= start + window then
          start = now
          count = 0
        end
        """;
    /** Counts {@code cost} (ARGV[3]) if it fits, or anyway when ARGV[4] is '1' (hits replayed after an outage). */
    static final String SCRIPT = WINDOW + """
        local cost = tonumber(ARGV[3])
        local force = ARGV[4] == '1'
        local allowed = 0
        if force or count + cost <= limit then
          count = count + cost
          allowed = 1
          redis.call('HSET', KEYS[1], 's', start, 'c', count)
          redis.call('PEXPIREAT', KEYS[1], start + window + 1000)
        end
        return {allowed, count, start + window - now}
        """;

    public RedisFixedWindowLimiter(Redis redis, long timeoutMs) {
        this(new RedisPipelines(redis), timeoutMs);
    }

    RedisFixedWindowLimiter(RedisPipelines redis, long timeoutMs) {
        super(redis, SCRIPT, timeoutMs);
    }

    @Override
    Decision decision(Response r, long limit) {
        long count = r.get(1).toLong();
        return new Decision(r.get(0).toInteger() == 1, limit, Math.max(0, limit - count), Math.max(0, r.get(2).toLong()));
    }
}
