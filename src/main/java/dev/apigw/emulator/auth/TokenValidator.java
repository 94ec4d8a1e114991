package dev.apigw.emulator.auth;

import io.vertx.core.Future;

/**
 * Resolves an opaque OAuth2 access token to the application it was issued to. Runs on the caller's event loop and
 * does not block. Succeeds with {@code null} for an unknown, expired or revoked token; fails with
 * {@link dev.apigw.emulator.store.StoreUnavailableException} only when the answer cannot be known.
 */
public interface TokenValidator {
    TokenValidator NONE = token -> Future.succeededFuture(null);

    Future<String> applicationOf(String accessToken);
}
