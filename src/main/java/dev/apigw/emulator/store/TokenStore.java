package dev.apigw.emulator.store;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/**
 * OAuth2 access tokens, kept only as hashes (the key is the SHA-256 hex of the token) with their metadata
 * ({@code appId}, {@code clientId}, {@code scope}, {@code iat}, {@code exp} in epoch seconds) and a time to live.
 * Implementations: {@link EmbeddedTokenStore} (memory plus a file under the data directory) and
 * {@link RedisTokenStore} (shared by every node on the same Redis, so a token issued by one is valid on all).
 *
 * <p>Non-blocking, callable from any event loop. Store failures fail the future with
 * {@link StoreUnavailableException}.
 */
public interface TokenStore extends Lifecycle {
    /** Sent to revocation listeners when revocations may have been missed: drop every cached token. */
    String ALL = "*";

    /** Loads saved tokens (embedded) or subscribes to revocations (Redis); completes before the node serves. */
    @Override
    Future<Void> start();

    Future<Void> save(String hash, JsonObject token, long ttlMs);

    /** The token's metadata, or {@code null} when unknown, expired or revoked. */
    Future<JsonObject> find(String hash);

    /** Removes the token and tells every node (listeners here and, through Redis, elsewhere); true if it existed. */
    Future<Boolean> revoke(String hash);

    /** Removes every token (an emulator reset) and tells revocation listeners {@link #ALL}. */
    Future<Void> clear();

    /**
     * Registers a listener told the hash of every revoked token, or {@link #ALL}. Runs on an arbitrary thread; it
     * must only drop cache entries.
     */
    void onRevoked(Handler<String> listener);

    /** Completes once pending writes are durable and subscriptions are closed. */
    @Override
    Future<Void> stop();
}
