package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Quota counters shared by every node on one Redis (any topology, through {@link RedisConnector}): a hash per
 * application ({@code apigw:quotacounters:{<app>}}: startTime, successCount, failureCount). Each delta is one Lua
 * script on that one key (so in one Cluster slot) that rolls an ended cycle over and adds with {@code HINCRBY},
 * atomically, so concurrent flushes from several nodes all count. Calls go in chunks of {@value #CHUNK}; every call is
 * bounded by the command timeout.
 */
public final class RedisQuotaCounters implements QuotaCounterStore {
    static final String PREFIX = "apigw:quotacounters:{";
    private static final int CHUNK = 500;
    static final String SCRIPT = """
        local start = tonumber(redis.call('HGET', KEYS[1], 'startTime'))
        local since = tonumber(ARGV[1])
        local interval = tonumber(ARGV[2])
        local now = tonumber(ARGV[3])
        if start == nil then
          start = since
          redis.call('HSET', KEYS[1], 'startTime', start, 'successCount', 0, 'failureCount', 0)
        end
        if interval > 0 and now >= start + interval then
          start = start + math.floor((now - start) / interval) * interval
          redis.call('HSET', KEYS[1], 'startTime', start, 'successCount', 0, 'failureCount', 0)
        end
        redis.call('HINCRBY', KEYS[1], 'successCount', ARGV[4])
        redis.call('HINCRBY', KEYS[1], 'failureCount', ARGV[5])
        if interval > 0 then redis.call('PEXPIREAT', KEYS[1], start + interval + 3600000) end
        return 1
        """;
    /** {@link QuotaCounterStore#absorbed} on one key: the same (or an overlapping) cycle adds up, a later one replaces. */
    static final String ABSORB = """
        local start = tonumber(redis.call('HGET', KEYS[1], 'startTime'))
        local source = tonumber(ARGV[1])
        local interval = tonumber(ARGV[4])
        local same = start ~= nil and (source == start
          or (interval > 0 and math.max(start, source) < math.min(start, source) + interval))
        if start == nil or (not same and source > start) then
          redis.call('HSET', KEYS[1], 'startTime', source, 'successCount', ARGV[2], 'failureCount', ARGV[3])
        elseif same then
          redis.call('HSET', KEYS[1], 'startTime', math.min(start, source))
          redis.call('HINCRBY', KEYS[1], 'successCount', ARGV[2])
          redis.call('HINCRBY', KEYS[1], 'failureCount', ARGV[3])
        end
        return 1
        """;
    private final RedisConnector redis;

    public RedisQuotaCounters(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> add(List<Delta> deltas) {
        return chunked(deltas, d -> redis.send(Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(key(d.app()))
            .arg(d.since()).arg(d.intervalMillis()).arg(d.now()).arg(d.success()).arg(d.failure())));
    }

    @Override
    public Future<Void> absorb(Map<String, JsonObject> cycles) {
        return chunked(new ArrayList<>(cycles.entrySet()), e -> redis.send(Request.cmd(Command.EVAL).arg(ABSORB).arg(1)
            .arg(key(e.getKey())).arg(e.getValue().getLong("startTime", 0L))
            .arg(e.getValue().getLong("successCount", 0L)).arg(e.getValue().getLong("failureCount", 0L))
            .arg(e.getValue().getValue(INTERVAL) instanceof Number n ? n.longValue() : 0L)));
    }

    @Override
    public Future<JsonObject> get(String app) {
        return redis.send(Request.cmd(Command.HMGET).arg(key(app)).arg("startTime").arg("successCount").arg("failureCount"))
            .map(RedisQuotaCounters::cycle);
    }

    @Override
    public Future<Map<String, JsonObject>> getAll(Collection<String> apps) {
        Map<String, JsonObject> out = new HashMap<>();
        return chunked(new ArrayList<>(apps), app -> get(app).map(c -> {
            if (c != null) out.put(app, c);
            return null;
        })).map(out);
    }

    @Override
    public Future<Void> clear() {
        return RedisKeys.deleteMatching(redis.client(), PREFIX.substring(0, PREFIX.length() - 1) + "*", 5_000).mapEmpty();
    }

    /** The cycle in an HMGET answer of startTime, successCount, failureCount; null when the hash does not exist. */
    public static JsonObject cycle(Response r) {
        return r == null || r.get(0) == null ? null : new JsonObject().put("startTime", r.get(0).toLong())
            .put("successCount", r.get(1) == null ? 0 : r.get(1).toLong())
            .put("failureCount", r.get(2) == null ? 0 : r.get(2).toLong());
    }

    /** The whole key is one hash tag: an application's counters live in one Redis Cluster slot. */
    public static String key(String app) {
        return PREFIX + app + "}";
    }

    private static <T> Future<Void> chunked(List<T> items, Function<T, Future<?>> call) {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < items.size(); from += CHUNK) {
            List<T> part = items.subList(from, Math.min(from + CHUNK, items.size()));
            chain = chain.compose(v -> Future.all(part.stream().map(call).toList()).mapEmpty());
        }
        return chain;
    }
}
