package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/**
 * A {@link TokenStore} that fails issuing, looking up and revoking with {@link StoreUnavailableException} while
 * {@link SimulatedOutage} declares the token store down (tokens already validated keep validating from the cache,
 * as with a real outage); otherwise it hands every call to the real store.
 */
public final class OutageTokenStore implements TokenStore {
    private final TokenStore store;
    private final SimulatedOutage outage;

    public OutageTokenStore(TokenStore store, SimulatedOutage outage) {
        this.store = store;
        this.outage = outage;
    }

    @Override
    public Future<Void> save(String hash, JsonObject token, long ttlMs) {
        return outage.tokens() ? Future.failedFuture(SimulatedOutage.failure("tokens")) : store.save(hash, token, ttlMs);
    }

    @Override
    public Future<JsonObject> find(String hash) {
        return outage.tokens() ? Future.failedFuture(SimulatedOutage.failure("tokens")) : store.find(hash);
    }

    @Override
    public Future<Boolean> revoke(String hash) {
        return outage.tokens() ? Future.failedFuture(SimulatedOutage.failure("tokens")) : store.revoke(hash);
    }

    @Override
    public Future<Void> clear() {
        return store.clear();
    }

    @Override
    public void onRevoked(Handler<String> listener) {
        store.onRevoked(listener);
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
