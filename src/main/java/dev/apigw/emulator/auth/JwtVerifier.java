package dev.apigw.emulator.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Verifies a JWT (signature against the gateway's or an external issuer's keys, exp/nbf, iss/aud when configured)
 * and returns its claims; succeeds with {@code null} for any invalid token. Non-blocking.
 */
public interface JwtVerifier {
    JwtVerifier NONE = jwt -> Future.succeededFuture(null);

    Future<JsonObject> verify(String jwt);
}
