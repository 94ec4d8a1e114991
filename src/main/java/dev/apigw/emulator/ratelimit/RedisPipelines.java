package dev.apigw.emulator.ratelimit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One long-lived Redis connection per event-loop thread for rate-limit calls, on which concurrent requests are
 * pipelined: borrowing a pooled connection for every call (one request in flight per connection) made the limiter
 * the bottleneck under load. Keyed by thread, not context: every HTTP request runs on its own duplicated context.
 * A connection that fails or closes is forgotten and the next call opens a new one. Calls from other threads use
 * the pooled client directly. Each event loop thus holds one connection of the pool ({@code redis.maxPoolSize}).
 */
final class RedisPipelines {
    private final Redis redis;
    private final Map<Thread, Future<RedisConnection>> connections = new ConcurrentHashMap<>();

    RedisPipelines(Redis redis) {
        this.redis = redis;
    }

    Future<Response> send(Request request) {
        if (!Context.isOnEventLoopThread()) return redis.send(request);
        return connections.computeIfAbsent(Thread.currentThread(), this::open).compose(c -> c.send(request));
    }

    private Future<RedisConnection> open(Thread context) {
        return redis.connect().andThen(ar -> {
            if (ar.failed()) {
                connections.remove(context);
                return;
            }
            RedisConnection c = ar.result();
            c.exceptionHandler(err -> forget(context, c));
            c.endHandler(v -> forget(context, c));
        });
    }

    private void forget(Thread context, RedisConnection connection) {
        Future<RedisConnection> current = connections.get(context);
        if (current != null && current.succeeded() && current.result() == connection) {
            connections.remove(context);
            connection.close();
        }
    }
}
