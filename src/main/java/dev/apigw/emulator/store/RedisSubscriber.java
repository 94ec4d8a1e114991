package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated pub/sub connection to one channel that reconnects by itself (every 250 ms while Redis is away).
 * After a reconnect it calls {@code onResync}, because messages published while it was away are lost.
 */
public final class RedisSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);
    private static final long RETRY_MS = 250;

    private final Vertx vertx;
    private final String url;
    private final String channel;
    private final Handler<String> onMessage;
    private final Runnable onResync;
    private volatile RedisConnection connection;
    private volatile boolean closed;
    private volatile boolean wasConnected;

    public RedisSubscriber(Vertx vertx, String url, String channel, Handler<String> onMessage, Runnable onResync) {
        this.vertx = vertx;
        this.url = url;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onResync = onResync;
    }

    public Future<Void> start() {
        return connect();
    }

    public boolean isSubscribed() {
        return connection != null;
    }

    private Future<Void> connect() {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
        return client.connect().compose(conn -> {
            conn.handler(msg -> {
                // a pub/sub push is [message, channel, payload]
                if (msg.type() == ResponseType.PUSH && msg.size() == 3 && "message".equals(msg.get(0).toString())) {
                    onMessage.handle(msg.get(2).toString());
                }
            });
            conn.exceptionHandler(err -> lost(conn, client));
            conn.endHandler(v -> lost(conn, client));
            return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(r -> {
                if (closed) { // close() ran while this (re)connect was under way
                    client.close();
                    return (Void) null;
                }
                connection = conn;
                if (wasConnected) onResync.run();
                wasConnected = true;
                return (Void) null;
            });
        }).onFailure(err -> {
            client.close();
            retryLater();
        });
    }

    private void lost(RedisConnection conn, Redis client) {
        if (connection != conn) return;
        connection = null;
        client.close();
        LOG.warn("Redis subscription to {} lost; reconnecting", channel);
        retryLater();
    }

    private void retryLater() {
        if (!closed) vertx.setTimer(RETRY_MS, t -> connect());
    }

    public Future<Void> close() {
        closed = true;
        RedisConnection c = connection;
        connection = null;
        return c == null ? Future.succeededFuture() : c.close();
    }
}
