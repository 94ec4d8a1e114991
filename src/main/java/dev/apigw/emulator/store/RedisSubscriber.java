package dev.apigw.emulator.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated pub/sub connection to one channel of the shared Redis, kept alive whatever the deployment: on a
 * Sentinel-managed master it follows failovers, on a Cluster it uses classic SUBSCRIBE on any one node (classic
 * pub/sub is broadcast to every node of a cluster). It PINGs every {@code redis.pingIntervalMs} and treats a missing
 * PONG like a closed connection, so a connection dropped silently (a partition, a dead peer without a RST) is
 * noticed too (within the interval plus {@code commandTimeoutMs}). It reconnects every 250 ms while Redis is away,
 * and after a reconnect calls {@code onResync}, because messages published while it was away are lost.
 *
 * <p>Every connection attempt, PING and state change runs on one context of its own (the one it was created on);
 * {@link #isSubscribed()} may be read from any thread, and the handlers are called on that context.
 */
public final class RedisSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);
    private static final long RETRY_MS = 250;

    private final Vertx vertx;
    private final Context context;
    private final RedisConnector redis;
    private final String channel;
    private final Handler<String> onMessage;
    private final Runnable onResync;
    private volatile RedisConnection connection;
    private Redis currentClient; // the client of the current connection (one per attempt, closed with it)
    private volatile boolean closed;
    private volatile boolean wasConnected;
    private int attempt;
    private long pingTimer = -1;

    public RedisSubscriber(Vertx vertx, RedisConnector redis, String channel, Handler<String> onMessage,
                           Runnable onResync) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.redis = redis;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onResync = onResync;
    }

    /** Completes once subscribed; a Redis that does not answer at start fails the start (and the node's). */
    public Future<Void> start() {
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> connect().onComplete(started));
        return started.future().onFailure(err -> LOG.warn("cannot subscribe to {} on {}: {}", channel,
            redis.describe(), err.getMessage()));
    }

    public boolean isSubscribed() {
        return connection != null;
    }

    private Future<Void> connect() {
        Redis client = redis.subscriberClient(attempt++);
        return client.connect().compose(conn -> {
            conn.handler(msg -> {
                // a pub/sub push is [message, channel, payload]
                if (msg.type() == ResponseType.PUSH && msg.size() == 3 && "message".equals(msg.get(0).toString())) {
                    onMessage.handle(msg.get(2).toString());
                }
            });
            conn.exceptionHandler(err -> lost(conn, client, err.getMessage()));
            conn.endHandler(v -> lost(conn, client, "connection closed"));
            return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(r -> {
                subscribed(conn, client);
                return (Void) null;
            });
        }).onFailure(err -> {
            client.close();
            if (wasConnected) retryLater(); // a failed first subscription fails the start instead
        });
    }

    private void subscribed(RedisConnection conn, Redis client) {
        if (closed) { // close() ran while this (re)connect was under way
            client.close();
            return;
        }
        connection = conn;
        currentClient = client;
        attempt--; // the node that answered is tried first next time
        ping(conn, client);
        if (wasConnected) resyncOnceAnswering();
        wasConnected = true;
    }

    /**
     * Fires {@code onResync} once the shared client answers too: right after a failover this connection may find
     * the new master before the shared client's topology does, and a reload that fails would keep the old view.
     */
    private void resyncOnceAnswering() {
        if (closed) return;
        redis.send(Request.cmd(Command.PING)).onSuccess(pong -> {
            LOG.info("subscription to {} restored on {}; reloading what may have been missed", channel, redis.describe());
            onResync.run();
        }).onFailure(err -> vertx.setTimer(RETRY_MS, t -> resyncOnceAnswering()));
    }

    /**
     * One PING per interval while this connection is the current one; no PONG within the interval (or the command
     * timeout, if longer: a busy machine is not a dead connection) = lost.
     */
    private void ping(RedisConnection conn, Redis client) {
        long interval = redis.pingIntervalMs();
        long deadline = Math.max(interval, redis.timeoutMs());
        pingTimer = vertx.setTimer(interval, id -> {
            if (connection != conn) return;
            conn.send(Request.cmd(Command.PING)).timeout(deadline, TimeUnit.MILLISECONDS)
                .onSuccess(pong -> ping(conn, client))
                .onFailure(err -> lost(conn, client, "no PONG within " + deadline + " ms"));
        });
    }

    private void lost(RedisConnection conn, Redis client, String why) {
        if (connection != conn) return;
        connection = null;
        vertx.cancelTimer(pingTimer);
        client.close();
        LOG.warn("Redis subscription to {} lost ({}); reconnecting", channel, why);
        retryLater();
    }

    private void retryLater() {
        if (!closed) vertx.setTimer(RETRY_MS, t -> connect());
    }

    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            vertx.cancelTimer(pingTimer);
            Redis current = connection == null ? null : currentClient;
            connection = null;
            (current == null ? Future.<Void>succeededFuture() : current.close()).onComplete(done);
        });
        return done.future();
    }
}
