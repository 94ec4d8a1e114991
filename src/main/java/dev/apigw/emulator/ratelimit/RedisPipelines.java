package dev.apigw.emulator.ratelimit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Rate-limit calls to Redis, one lane per event-loop thread. A lane owns one long-lived connection and batches the
 * calls made during one turn of its event loop into a single write ({@code RedisConnection.batch}): each request
 * still makes its own script call (one round trip each, answered in order), but a busy loop pays one write, one
 * read and one timeout timer per batch instead of per call. Keyed by thread, not context: every HTTP request runs
 * on its own duplicated context. Calls from other threads use the pooled client directly.
 */
final class RedisPipelines {
    private final Redis redis;
    private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();

    RedisPipelines(Redis redis) {
        this.redis = redis;
    }

    /** Sends one command; fails (within {@code timeoutMs}) rather than waits when Redis is slow or away. */
    Future<Response> send(Request request, long timeoutMs) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
        }
        return lanes.computeIfAbsent(Thread.currentThread(), t -> new Lane()).enqueue(context, request, timeoutMs);
    }

    /** The batching state of one event-loop thread; only that thread touches it. */
    private final class Lane {
        private Future<RedisConnection> connection;
        private List<Request> requests = new ArrayList<>();
        private List<Promise<Response>> promises = new ArrayList<>();
        private long timeoutMs;

        Future<Response> enqueue(Context context, Request request, long timeout) {
            Promise<Response> promise = Promise.promise();
            if (requests.isEmpty()) context.runOnContext(v -> flush()); // after the loop's current work
            requests.add(request);
            promises.add(promise);
            timeoutMs = Math.max(timeoutMs, timeout);
            return promise.future();
        }

        private void flush() {
            List<Request> batch = requests;
            List<Promise<Response>> waiting = promises;
            requests = new ArrayList<>();
            promises = new ArrayList<>();
            connection().compose(c -> batch.size() == 1 ? c.send(batch.get(0)).map(List::of) : c.batch(batch))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    for (int i = 0; i < waiting.size(); i++) {
                        if (ar.succeeded()) waiting.get(i).complete(ar.result().get(i));
                        else waiting.get(i).fail(ar.cause()); // e.g. NOSCRIPT: every call of a batch runs one script
                    }
                });
        }

        private Future<RedisConnection> connection() {
            if (connection == null || connection.failed()) {
                connection = redis.connect().onSuccess(c -> {
                    c.exceptionHandler(err -> forget(c));
                    c.endHandler(v -> forget(c));
                });
            }
            return connection;
        }

        private void forget(RedisConnection c) {
            if (connection != null && connection.succeeded() && connection.result() == c) {
                connection = null;
                c.close();
            }
        }
    }
}
