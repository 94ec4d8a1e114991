package dev.apigw.emulator.store;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Design-time assets (APIs, policies, policy actions, applications, webhooks, settings) as JSON documents keyed by
 * type and id. Implementations: {@link EmbeddedAssetStore} (files under the data directory) and
 * {@link RedisAssetStore} (shared by every node pointed at the same Redis).
 *
 * <p>Every method is non-blocking and may be called from any event loop. Failures of the store itself
 * (disk, Redis) fail the future with {@link StoreUnavailableException}. Documents handed out are copies.
 */
public interface AssetStore extends Lifecycle {

    /** Every document of a type, in no particular order. */
    Future<List<JsonObject>> list(AssetType type);

    /** The document, or a succeeded future holding {@code null} when there is none. */
    Future<JsonObject> get(AssetType type, String id);

    /** Creates or replaces; the future completes once the write is durable. */
    Future<Void> put(AssetType type, String id, JsonObject document);

    /** Removes; true when something was removed. */
    Future<Boolean> delete(AssetType type, String id);

    /**
     * Creates or replaces many documents of one type (archive import, migration): listeners hear of each id, and the
     * future completes once all are durable. Implementations batch the work; this default writes one by one.
     */
    default Future<Void> putAll(AssetType type, Map<String, JsonObject> documents) {
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, JsonObject> e : documents.entrySet()) {
            chain = chain.compose(v -> put(type, e.getKey(), e.getValue()));
        }
        return chain;
    }

    /** Removes every document of a type (migration clean); completes with how many there were. */
    default Future<Integer> deleteAll(AssetType type) {
        return list(type).compose(docs -> {
            List<Future<Boolean>> deletes = new ArrayList<>();
            for (JsonObject d : docs) if (d.getString("id") != null) deletes.add(delete(type, d.getString("id")));
            return Future.all(deletes).map(all -> docs.size());
        });
    }

    /**
     * Registers a listener told of every change, local or from another node, after it is stored. Listeners run on
     * an arbitrary thread and must only hand the news on (e.g. schedule a rebuild on their own context).
     */
    void onChange(Handler<AssetChange> listener);


    /** A short description for the health endpoints: {@code {"type":..., "status":"green|yellow|red", ...}}. */
    Future<JsonObject> health();

    /** Loads (embedded) or subscribes to other nodes' changes (Redis); completes before the node serves. */
    @Override
    Future<Void> start();

    /** Releases files, threads and subscriptions; pending writes complete first. */
    @Override
    Future<Void> stop();
}
