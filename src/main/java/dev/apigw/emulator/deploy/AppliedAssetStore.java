package dev.apigw.emulator.deploy;

import dev.apigw.emulator.store.AppliedView;
import dev.apigw.emulator.store.AssetChange;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The store as the admin API sees it: a write completes only once every in-memory view (route table, application
 * index, subscription directory) reflects it, so a client that changes a routing action or creates an application
 * and then calls the API gets the new state on its very next request. Views a change does not concern answer at once.
 */
public final class AppliedAssetStore implements AssetStore {
    private final AssetStore store;
    private final List<AppliedView> views;

    public AppliedAssetStore(AssetStore store, List<AppliedView> views) {
        this.store = store;
        this.views = List.copyOf(views);
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
        return store.put(type, id, document).compose(v -> applied());
    }

    @Override
    public Future<Boolean> delete(AssetType type, String id) {
        return store.delete(type, id).compose(removed -> applied().map(removed));
    }

    private Future<Void> applied() {
        return Future.all(views.stream().map(AppliedView::applied).toList()).mapEmpty();
    }

    @Override
    public Future<Void> putAll(AssetType type, java.util.Map<String, JsonObject> documents) {
        return store.putAll(type, documents).compose(v -> applied());
    }

    @Override
    public Future<Integer> deleteAll(AssetType type) {
        return store.deleteAll(type).compose(n -> applied().map(n));
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
