package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Quota counters shared by every node on one Redis: a hash per application ({@code apigw:quotacounters:{<app>}}: startTime,
 * successCount, failureCount). Each delta is one Lua script that rolls an ended cycle over and adds with
 * {@code HINCRBY}, atomically, so concurrent flushes from several nodes all count. Deltas go in chunks of
 * {@value #CHUNK} calls; every call is bounded by the command timeout.
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
    private final Redis redis;
    private final long timeoutMs;

    public RedisQuotaCounters(Redis redis, long timeoutMs) {
        this.redis = redis;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Future<Void> add(List<Delta> deltas) {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < deltas.size(); from += CHUNK) {
            List<Delta> part = deltas.subList(from, Math.min(from + CHUNK, deltas.size()));
            chain = chain.compose(v -> {
                List<Future<Response>> calls = new ArrayList<>(part.size());
                for (Delta d : part) {
                    calls.add(send(Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(key(d.app())).arg(d.since())
                        .arg(d.intervalMillis()).arg(d.now()).arg(d.success()).arg(d.failure())));
                }
                return Future.all(calls).mapEmpty();
            });
        }
        return chain;
    }

    @Override
    public Future<JsonObject> get(String app) {
        return send(Request.cmd(Command.HMGET).arg(key(app)).arg("startTime").arg("successCount").arg("failureCount"))
            .map(r -> r == null || r.get(0) == null ? null : new JsonObject().put("startTime", r.get(0).toLong())
                .put("successCount", r.get(1) == null ? 0 : r.get(1).toLong())
                .put("failureCount", r.get(2) == null ? 0 : r.get(2).toLong()));
    }

    /** The whole key is one hash tag: an application's counters live in one Redis Cluster slot. */
    static String key(String app) {
        return PREFIX + app + "}";
    }

    private Future<Response> send(Request request) {
        return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS)
            .recover(err -> Future.failedFuture(new StoreUnavailableException("Redis: " + err.getMessage(), err)));
    }
}
