package dev.apigw.emulator.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Verifies a JWT (signature against the gateway's or an external issuer's keys, exp/nbf, iss/aud when configured)
 * and returns its claims and whose key signed it; succeeds with {@code null} for any invalid token. Non-blocking.
 */
public interface JwtVerifier {
    JwtVerifier NONE = jwt -> Future.succeededFuture(null);

    /** A valid token's claims; {@code ownKey} when the gateway's own signing key verified it (then its app_id counts). */
    record Verified(JsonObject claims, boolean ownKey) {
    }

    Future<Verified> verify(String jwt);
}
