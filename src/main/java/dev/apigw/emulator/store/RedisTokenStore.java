package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tokens shared by every node on one Redis: {@code apigw:tokens:<hash>} holds the metadata JSON with a PX expiry;
 * a revocation deletes the key and publishes the hash on {@code apigw:tokens:revoked}, so every node drops it from
 * its cache within milliseconds. After the subscription was interrupted, listeners get {@link #ALL}. Each token is
 * its own key (one slot each on a Redis Cluster); no command touches two keys.
 */
public final class RedisTokenStore implements TokenStore {
    static final String PREFIX = "apigw:tokens:";
    public static final String CHANNEL = "apigw:tokens:revoked";

    private final RedisConnector redis;
    private final CopyOnWriteArrayList<Handler<String>> listeners = new CopyOnWriteArrayList<>();
    private final RedisSubscriber subscriber;

    public RedisTokenStore(Vertx vertx, RedisConnector redis) {
        this.redis = redis;
        this.subscriber = new RedisSubscriber(vertx, redis, CHANNEL, this::fire, () -> fire(ALL));
    }

    /** Subscribes to revocations; completes once subscribed. */
    @Override
    public Future<Void> start() {
        return subscriber.start();
    }

    private void fire(String hash) {
        listeners.forEach(l -> l.handle(hash));
    }

    private Future<Response> send(Request request) {
        return redis.send(request);
    }

    @Override
    public Future<Void> save(String hash, JsonObject token, long ttlMs) {
        return send(Request.cmd(Command.SET).arg(PREFIX + hash).arg(token.encode()).arg("PX").arg(ttlMs)).mapEmpty();
    }

    @Override
    public Future<JsonObject> find(String hash) {
        return send(Request.cmd(Command.GET).arg(PREFIX + hash)).map(r -> r == null ? null : new JsonObject(r.toString()));
    }

    @Override
    public Future<Boolean> revoke(String hash) {
        return send(Request.cmd(Command.DEL).arg(PREFIX + hash)).compose(r -> {
            fire(hash); // this node at once, without waiting for its own message
            return send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(hash)).map(p -> r != null && r.toInteger() > 0);
        });
    }

    @Override
    public Future<Void> clear() {
        return RedisKeys.deleteMatching(redis.client(), PREFIX + "*", redis.timeoutMs()).compose(n -> {
            fire(ALL);
            return send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(ALL)).<Void>mapEmpty();
        });
    }

    @Override
    public void onRevoked(Handler<String> listener) {
        listeners.add(listener);
    }

    @Override
    public Future<Void> stop() {
        return subscriber.close();
    }
}
