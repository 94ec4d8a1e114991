package dev.apigw.emulator.auth;

import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.store.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues, validates and revokes opaque access tokens (64 hex characters, 256 random bits). Only the token's
 * SHA-256 reaches the store. Validated tokens are cached per node until they expire, so steady-state validation
 * makes no store round trip; a revocation anywhere removes the entry through {@link TokenStore#onRevoked}. Shared by
 * every event loop (the cache is a concurrent map). Suspension or deletion of the application needs no cache
 * eviction: the identifier re-reads the application from the in-memory index on every request.
 */
public final class TokenService implements TokenValidator {
    /** What a node remembers of a validated token. */
    record Cached(Grant grant, long expMillis) {
    }

    private final TokenStore store;
    private final long ttlSeconds;
    private final long maxCached;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /**
     * Bumped by every revocation notice. A store read that started before a notice must not cache its answer, or a
     * lookup racing with a revocation could put the revoked token back into the cache.
     */
    private final AtomicLong revocations = new AtomicLong();

    public TokenService(TokenStore store, long ttlSeconds, long maxCached) {
        this.store = store;
        this.ttlSeconds = ttlSeconds;
        this.maxCached = maxCached;
        store.onRevoked(hash -> {
            revocations.incrementAndGet();
            if (TokenStore.ALL.equals(hash)) cache.clear();
            else cache.remove(hash);
        });
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    /** A new token for the application; fails with StoreUnavailableException when it cannot be stored. */
    public Future<String> issue(AppEntry app, String scope) {
        String token = Applications.randomHex();
        long now = System.currentTimeMillis() / 1000;
        JsonObject meta = new JsonObject().put("appId", app.id()).put("clientId", app.clientId())
            .put("iat", now).put("exp", now + ttlSeconds);
        if (scope != null && !scope.isBlank()) meta.put("scope", scope);
        return store.save(Applications.hash(token), meta, ttlSeconds * 1000).map(token);
    }

    @Override
    public Future<Grant> grantOf(String token) {
        String hash = Applications.hash(token);
        Cached hit = cache.get(hash);
        if (hit != null) {
            if (hit.expMillis() > System.currentTimeMillis()) return Future.succeededFuture(hit.grant());
            cache.remove(hash);
        }
        long seen = revocations.get();
        return store.find(hash).map(meta -> {
            if (meta == null) return null;
            Grant grant = Grant.of(meta.getString("appId"), meta.getString("scope"));
            if (revocations.get() == seen) remember(hash, new Cached(grant, meta.getLong("exp", 0L) * 1000));
            return grant;
        });
    }

    private void remember(String hash, Cached entry) {
        if (cache.size() >= maxCached) cache.clear(); // crude bound: a refill costs one store read per live token
        cache.put(hash, entry);
    }

    /** The stored metadata of a live token, or null. */
    public Future<JsonObject> lookup(String token) {
        if (token == null || !TokenFormat.looksLikeAccessToken(token)) return Future.succeededFuture(null);
        return store.find(Applications.hash(token));
    }

    public Future<Boolean> revoke(String token) {
        if (token == null || !TokenFormat.looksLikeAccessToken(token)) return Future.succeededFuture(false);
        String hash = Applications.hash(token);
        cache.remove(hash);
        return store.revoke(hash);
    }
}
