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
 *
 * <p>A batch holds calls of one script only ({@code group}): Redis answers each call of a pipeline on its own, but a
 * batch fails as a whole on its first error, and the other calls' answers are lost though they ran. A script whose
 * cache Redis lost (restart, failover) would otherwise fail a batch shared with another script's calls that did run,
 * and their retries would count those hits twice. On a Redis Cluster a batch must stay on one node, so a turn's calls
 * are also split by hash tag (keys of one tag share a slot). A batch that fails for any reason but {@code NOSCRIPT} drops the lane's
 * connection, so the next call connects afresh: after a failover that finds the new master instead of keeping a
 * connection to a server that was demoted or silently went away.
 */
final class RedisPipelines {
    private final Redis redis;
    private final boolean perHashTag;
    private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();

    RedisPipelines(Redis redis) {
        this(redis, false);
    }

    /** @param perHashTag true on a Redis Cluster: one batch per hash tag instead of one per turn */
    RedisPipelines(Redis redis, boolean perHashTag) {
        this.redis = redis;
        this.perHashTag = perHashTag;
    }

    /**
     * Sends one command about {@code key}, batched with the turn's other commands of its {@code group} (one script);
     * fails (within {@code timeoutMs}) rather than waits when Redis is slow or away.
     */
    Future<Response> send(Request request, String key, String group, long timeoutMs) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
        }
        return lanes.computeIfAbsent(Thread.currentThread(), t -> new Lane())
            .enqueue(context, request, perHashTag ? group + '|' + hashTag(key) : group, timeoutMs);
    }

    /** The part of a key Redis Cluster hashes: the first non-empty {@code {...}}, else the whole key. */
    static String hashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
    }

    /** The calls of one turn of one group (and one hash tag on a cluster). */
    private record Batch(List<Request> requests, List<Promise<Response>> promises) {
        Batch() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    /** The batching state of one event-loop thread; only that thread touches it. */
    private final class Lane {
        private Future<RedisConnection> connection;
        private Map<String, Batch> pending = new java.util.LinkedHashMap<>();
        private long timeoutMs;

        Future<Response> enqueue(Context context, Request request, String tag, long timeout) {
            Promise<Response> promise = Promise.promise();
            if (pending.isEmpty()) context.runOnContext(v -> flush()); // after the loop's current work
            Batch batch = pending.computeIfAbsent(tag, t -> new Batch());
            batch.requests.add(request);
            batch.promises.add(promise);
            timeoutMs = Math.max(timeoutMs, timeout);
            return promise.future();
        }

        private void flush() {
            Map<String, Batch> turn = pending;
            pending = new java.util.LinkedHashMap<>();
            for (Batch b : turn.values()) send(b);
        }

        private void send(Batch b) {
            List<Request> batch = b.requests;
            List<Promise<Response>> waiting = b.promises;
            Future<RedisConnection> conn = connection();
            conn.compose(c -> batch.size() == 1 ? c.send(batch.get(0)).map(List::of) : c.batch(batch))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (ar.failed() && !RedisScript.isNoScript(ar.cause())) drop(conn);
                    for (int i = 0; i < waiting.size(); i++) {
                        if (ar.succeeded()) waiting.get(i).complete(ar.result().get(i));
                        else waiting.get(i).fail(ar.cause()); // e.g. NOSCRIPT: every call of a batch runs one script
                    }
                });
        }

        /** Forgets the connection a failed batch used (if it is still the lane's), closing it. */
        private void drop(Future<RedisConnection> failed) {
            if (connection != failed) return;
            connection = null;
            if (failed.succeeded()) failed.result().close();
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
