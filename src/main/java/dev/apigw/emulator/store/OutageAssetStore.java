package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An {@link AssetStore} that fails every call with {@link StoreUnavailableException} while {@link SimulatedOutage}
 * declares the asset store down, as a real Redis outage does (admin calls answer 503, the runtime keeps its route
 * table, health turns yellow); otherwise it hands every call to the real store.
 */
public final class OutageAssetStore implements AssetStore {
    private final AssetStore store;
    private final SimulatedOutage outage;

    public OutageAssetStore(AssetStore store, SimulatedOutage outage) {
        this.store = store;
        this.outage = outage;
    }

    @Override
    public Future<List<JsonObject>> list(AssetType type) {
        return outage.assets() ? Future.failedFuture(SimulatedOutage.failure("assets")) : store.list(type);
    }

    @Override
    public Future<JsonObject> get(AssetType type, String id) {
        return outage.assets() ? Future.failedFuture(SimulatedOutage.failure("assets")) : store.get(type, id);
    }

    @Override
    public Future<Void> put(AssetType type, String id, JsonObject document) {
        return outage.assets() ? Future.failedFuture(SimulatedOutage.failure("assets")) : store.put(type, id, document);
    }

    @Override
    public Future<Boolean> delete(AssetType type, String id) {
        return outage.assets() ? Future.failedFuture(SimulatedOutage.failure("assets")) : store.delete(type, id);
    }

    /** The wrapped store's batch (one write, one round of change events), not the default's one put per document. */
    @Override
    public Future<Void> putAll(AssetType type, java.util.Map<String, JsonObject> documents) {
        return outage.assets() ? Future.failedFuture(SimulatedOutage.failure("assets")) : store.putAll(type, documents);
    }

    @Override
    public Future<Integer> deleteAll(AssetType type) {
        return outage.assets() ? Future.failedFuture(SimulatedOutage.failure("assets")) : store.deleteAll(type);
    }

    @Override
    public void onChange(Handler<AssetChange> listener) {
        store.onChange(listener);
    }

    @Override
    public Future<JsonObject> health() {
        if (!outage.assets()) return store.health();
        return store.health().map(h -> h.copy().put("status", "yellow").put("simulatedOutage", true));
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public Future<Void> start() {
        return store.start();
    }

    @Override
    public Future<Void> stop() {
        return store.stop();
    }
}
