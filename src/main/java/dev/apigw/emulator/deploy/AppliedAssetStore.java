package dev.apigw.emulator.deploy;

import dev.apigw.emulator.store.AssetChange;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The store as the admin API sees it: a write completes only once the route table reflects it, so a client that
 * changes a routing action and then calls the API gets the new routing on its very next request.
 */
public final class AppliedAssetStore implements AssetStore {
    private final AssetStore store;
    private final Deployer deployer;

    public AppliedAssetStore(AssetStore store, Deployer deployer) {
        this.store = store;
        this.deployer = deployer;
    }

    @Override
    public Future<List<JsonObject>> list(AssetType type) {
        return store.list(type);
    }

    @Override
    public Future<JsonObject> get(AssetType type, String id) {
        return store.get(type, id);
    }

    @Override
    public Future<Void> put(AssetType type, String id, JsonObject document) {
        return store.put(type, id, document).compose(v -> deployer.applied());
    }

    @Override
    public Future<Boolean> delete(AssetType type, String id) {
        return store.delete(type, id).compose(removed -> deployer.applied().map(removed));
    }

    @Override
    public Future<Void> putAll(AssetType type, java.util.Map<String, JsonObject> documents) {
        return store.putAll(type, documents).compose(v -> deployer.applied());
    }

    @Override
    public Future<Integer> deleteAll(AssetType type) {
        return store.deleteAll(type).compose(n -> deployer.applied().map(n));
    }

    @Override
    public void onChange(Handler<AssetChange> listener) {
        store.onChange(listener);
    }

    @Override
    public Future<JsonObject> health() {
        return store.health();
    }

    /** The store underneath is a part of the node on its own; this view starts and stops nothing. */
    @Override
    public Future<Void> start() {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        return Future.succeededFuture();
    }
}
