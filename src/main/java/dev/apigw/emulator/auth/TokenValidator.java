package dev.apigw.emulator.auth;

import io.vertx.core.Future;
import java.util.Set;

/**
 * Resolves an opaque OAuth2 access token to what it grants: the application it was issued to and its scopes. Runs on
 * the caller's event loop and does not block. Succeeds with {@code null} for an unknown, expired or revoked token;
 * fails with {@link dev.apigw.emulator.store.StoreUnavailableException} only when the answer cannot be known.
 */
public interface TokenValidator {
    TokenValidator NONE = token -> Future.succeededFuture(null);

    /** What a live token grants. */
    record Grant(String appId, Set<String> scopes) {
        static Grant of(String appId, String scope) {
            return new Grant(appId, scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+")));
        }
    }

    Future<Grant> grantOf(String accessToken);

    default Future<String> applicationOf(String accessToken) {
        return grantOf(accessToken).map(g -> g == null ? null : g.appId());
    }
}
