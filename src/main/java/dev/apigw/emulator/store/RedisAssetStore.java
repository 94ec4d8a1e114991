package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assets shared by every gateway node pointed at one Redis: a hash per type ({@code apigw:assets:<type>}, field =
 * id, value = JSON) and a pub/sub channel announcing each change, so other nodes rebuild within milliseconds.
 * Every command is bounded by {@code commandTimeoutMs}; a failure becomes {@link StoreUnavailableException}.
 */
public final class RedisAssetStore implements AssetStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisAssetStore.class);
    static final String PREFIX = "apigw:assets:";
    public static final String CHANNEL = "apigw:assets:changes";

    private final Redis redis;
    private final long timeoutMs;
    private final ChangeListeners listeners = new ChangeListeners();
    private final RedisSubscriber subscriber;
    /** Unreadable documents already reported, so each is logged once. */
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RedisAssetStore(Vertx vertx, Redis redis, String url, long timeoutMs) {
        this.redis = redis;
        this.timeoutMs = timeoutMs;
        this.subscriber = new RedisSubscriber(vertx, url, CHANNEL, this::onMessage, () -> listeners.fire(AssetChange.EVERYTHING));
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
        return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS)
            .recover(err -> Future.failedFuture(new StoreUnavailableException("Redis: " + err.getMessage(), err)));
    }

    @Override
    public Future<List<JsonObject>> list(AssetType type) {
        return send(Request.cmd(Command.HVALS).arg(PREFIX + type.key())).map(resp -> {
            List<JsonObject> out = new ArrayList<>(resp.size());
            for (Response r : resp) {
                JsonObject doc = readable(type, r.toString());
                if (doc != null) out.add(doc);
            }
            return out;
        });
    }

    /**
     * The stored text as a document, or null (with a warning) when it is not JSON or nests too deep to be served:
     * written by another node, an older version or by hand, it must not fail every read of its type.
     */
    private JsonObject readable(AssetType type, String text) {
        try {
            JsonObject doc = new JsonObject(text);
            if (StoredDepth.servable(doc)) return doc;
            if (warned.add(type.key() + "/" + doc.getValue("id"))) {
                LOG.warn("skipping stored {} {}: nested deeper than {} levels", type.key(), doc.getValue("id"), StoredDepth.MAX);
            }
        } catch (RuntimeException e) {
            if (warned.add(type.key() + "#" + text.hashCode())) {
                LOG.warn("skipping a stored {} document that is not a JSON object", type.key());
            }
        }
        return null;
    }

    @Override
    public Future<JsonObject> get(AssetType type, String id) {
        return send(Request.cmd(Command.HGET).arg(PREFIX + type.key()).arg(id))
            .map(r -> r == null ? null : readable(type, r.toString()));
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
        return send(Request.cmd(Command.PING)).map(r -> new JsonObject().put("type", "redis").put("status", "green")
                .put("subscribed", subscriber.isSubscribed())
                .put("latencyMs", (System.nanoTime() - start) / 1_000_000.0))
            .otherwise(err -> new JsonObject().put("type", "redis").put("status", "red").put("error", err.getMessage()));
    }

    @Override
    public Future<Void> stop() {
        return subscriber.close();
    }
}
