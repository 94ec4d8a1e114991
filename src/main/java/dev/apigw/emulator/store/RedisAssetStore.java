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
import java.util.Map;

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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisAssetStore.class);
    static final String PREFIX = "apigw:assets:";
    public static final String CHANNEL = "apigw:assets:changes";
    /** A message other nodes read as "anything may have changed" (a batch): it names no type. */
    private static final String BATCH_MESSAGE = "*";
    private static final int FIELDS_PER_HSET = 500;

    private final RedisConnector redis;
    private final ChangeListeners listeners = new ChangeListeners();
    private final RedisSubscriber subscriber;
    /** Unreadable documents already reported, so each is logged once. */
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    /** The hash holding every document of a type: what a migration reads from an old cluster's Redis. */
    public static String key(AssetType type) {
        return PREFIX + type.key();
    }

    /** HSETs of up to 500 fields each, then one message for the batch; this node's listeners hear of every id. */
    @Override
    public Future<Void> putAll(AssetType type, Map<String, JsonObject> documents) {
        if (documents.isEmpty()) return Future.succeededFuture();
        List<Map.Entry<String, JsonObject>> entries = new ArrayList<>(documents.entrySet());
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < entries.size(); from += FIELDS_PER_HSET) {
            List<Map.Entry<String, JsonObject>> part = entries.subList(from, Math.min(from + FIELDS_PER_HSET, entries.size()));
            chain = chain.compose(v -> {
                Request hset = Request.cmd(Command.HSET).arg(key(type));
                for (Map.Entry<String, JsonObject> e : part) hset.arg(e.getKey()).arg(e.getValue().copy().put("id", e.getKey()).encode());
                return send(hset).mapEmpty();
            });
        }
        return chain.compose(v -> announceBatch(type, documents.keySet()));
    }

    @Override
    public Future<Integer> deleteAll(AssetType type) {
        return send(Request.cmd(Command.HKEYS).arg(key(type))).compose(keys -> {
            List<String> ids = new ArrayList<>();
            for (Response k : keys) ids.add(k.toString());
            if (ids.isEmpty()) return Future.succeededFuture(0);
            return send(Request.cmd(Command.DEL).arg(key(type))).compose(r -> announceBatch(type, ids)).map(ids.size());
        });
    }

    private Future<Void> announceBatch(AssetType type, java.util.Collection<String> ids) {
        ids.forEach(id -> listeners.fire(new AssetChange(type, id)));
        return send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(BATCH_MESSAGE)).mapEmpty();
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
