package dev.apigw.emulator.deploy;

import dev.apigw.emulator.store.AssetChange;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The asset store as the admin API sees it: a write completes only once this node's route table reflects it
 * ({@link Deployer#sync()}), so when an admin call answers, the next runtime request already uses the change.
 * Without it the answer could overtake the asynchronous rebuild. A failed rebuild does not fail the write, which is
 * stored (the Deployer logs it and keeps the previous table). Reads and the change feed pass straight through.
 */
public final class SyncedAssetStore implements AssetStore {
    private final AssetStore store;
    private final Deployer deployer;

    public SyncedAssetStore(AssetStore store, Deployer deployer) {
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
        return store.put(type, id, document).compose(v -> deployed());
    }

    @Override
    public Future<Boolean> delete(AssetType type, String id) {
        return store.delete(type, id).compose(removed -> removed ? deployed().map(true) : Future.succeededFuture(false));
    }

    private Future<Void> deployed() {
        return deployer.sync().otherwiseEmpty();
    }

    @Override
    public void onChange(Handler<AssetChange> listener) {
        store.onChange(listener);
    }

    @Override
    public Future<JsonObject> health() {
        return store.health();
    }

    @Override
    public Future<Void> close() {
        return store.close();
    }
}
