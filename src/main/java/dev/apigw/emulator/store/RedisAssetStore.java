package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Assets shared by every gateway node pointed at one Redis: a hash per type ({@code apigw:assets:<type>}, field =
 * id, value = JSON) and a pub/sub channel announcing each change, so other nodes rebuild within milliseconds.
 * Every command is bounded by {@code commandTimeoutMs}; a failure becomes {@link StoreUnavailableException}.
 *
 * <p>On a Redis Cluster each type's hash lives in one slot (every command here touches one key, so none spans
 * slots), and the channel is classic pub/sub, which a cluster broadcasts to every node (Redis 6.2 has no sharded
 * pub/sub; see {@link RedisSubscriber}).
 */
public final class RedisAssetStore implements AssetStore {
    static final String PREFIX = "apigw:assets:";
    public static final String CHANNEL = "apigw:assets:changes";

    private final RedisConnector redis;
    private final ChangeListeners listeners = new ChangeListeners();
    private final RedisSubscriber subscriber;

    public RedisAssetStore(Vertx vertx, RedisConnector redis) {
        this.redis = redis;
        this.subscriber = new RedisSubscriber(vertx, redis, CHANNEL, this::onMessage, () -> listeners.fire(AssetChange.EVERYTHING));
    }

    /** Starts listening to other nodes' changes; completes once subscribed. */
    @Override
    public Future<Void> start() {
        return subscriber.start();
    }

    private void onMessage(String payload) {
        int sep = payload.indexOf('\n');
        AssetType type = sep < 0 ? null : AssetType.fromKey(payload.substring(0, sep));
        listeners.fire(type == null ? AssetChange.EVERYTHING : new AssetChange(type, payload.substring(sep + 1)));
    }

    private Future<Response> send(Request request) {
        return redis.send(request);
    }

    @Override
    public Future<List<JsonObject>> list(AssetType type) {
        return send(Request.cmd(Command.HVALS).arg(PREFIX + type.key())).map(resp -> {
            List<JsonObject> out = new ArrayList<>(resp.size());
            for (Response r : resp) out.add(new JsonObject(r.toString()));
            return out;
        });
    }

    @Override
    public Future<JsonObject> get(AssetType type, String id) {
        return send(Request.cmd(Command.HGET).arg(PREFIX + type.key()).arg(id))
            .map(r -> r == null ? null : new JsonObject(r.toString()));
    }

    @Override
    public Future<Void> put(AssetType type, String id, JsonObject document) {
        String json = document.copy().put("id", id).encode();
        return send(Request.cmd(Command.HSET).arg(PREFIX + type.key()).arg(id).arg(json))
            .compose(r -> announce(type, id)).mapEmpty();
    }

    @Override
    public Future<Boolean> delete(AssetType type, String id) {
        return send(Request.cmd(Command.HDEL).arg(PREFIX + type.key()).arg(id)).compose(r -> {
            boolean removed = r != null && r.toInteger() > 0;
            return removed ? announce(type, id).map(true) : Future.succeededFuture(false);
        });
    }

    /** This node learns of its own change through the channel too; firing locally as well makes it immediate. */
    private Future<Void> announce(AssetType type, String id) {
        listeners.fire(new AssetChange(type, id));
        return send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(type.key() + "\n" + id)).mapEmpty();
    }

    @Override
    public void onChange(Handler<AssetChange> listener) {
        listeners.add(listener);
    }

    @Override
    public Future<JsonObject> health() {
        long start = System.nanoTime();
        return send(Request.cmd(Command.PING)).map(r -> redis.health().put("type", "redis")
                .put("status", subscriber.isSubscribed() ? "green" : "yellow").put("subscribed", subscriber.isSubscribed())
                .put("latencyMs", (System.nanoTime() - start) / 1_000_000.0))
            .otherwise(err -> redis.health().put("type", "redis").put("status", "red")
                .put("subscribed", subscriber.isSubscribed()).put("error", err.getMessage()));
    }

    @Override
    public Future<Void> stop() {
        return subscriber.close();
    }
}
