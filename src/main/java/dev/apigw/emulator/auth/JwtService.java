package dev.apigw.emulator.auth;

import dev.apigw.emulator.config.AuthConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues the gateway's JWTs (RS256, header {@code kid: ssos}) and verifies JWTs, its own and those of external
 * issuers ({@link ExternalJwks}), with vertx-auth-jwt. Shared by all event loops; the JWTAuth instances are
 * immutable once built. Verification rejects {@code alg: none} and any token that does not parse.
 */
public final class JwtService implements JwtVerifier, Lifecycle {
    private static final int MAX_CACHED = 100_000;
    private final Vertx vertx;
    private final AuthConfig config;
    private final AssetStore store;
    private final ExternalJwks external;
    /** The key pair and the verifier built from it: loaded once by {@link #start()}, before the node serves. */
    private volatile Signing signing;

    private record Signing(JwtKeys keys, JWTAuth own) {
    }
    /** Verified JWTs until they expire, so a client reusing its JWT costs one map lookup, not an RSA check. */
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    private record Cached(Verified verified, long expMillis) {
    }

    public JwtService(Vertx vertx, AuthConfig config, AssetStore store, ExternalJwks external) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.external = external;
    }

    /** Loads the signing key pair from the store (generating it on the first start of a cluster). */
    @Override
    public Future<Void> start() {
        return JwtKeys.loadOrCreate(vertx, store).map(k -> {
            JWTAuthOptions options = new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setId(JwtKeys.KID).setBuffer(k.privatePem()))
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setId(JwtKeys.KID).setBuffer(k.publicPem()))
                .setJWTOptions(ExternalJwks.validation(config).setIssuer(config.jwtIssuer()));
            signing = new Signing(k, JWTAuth.create(vertx, options));
            return null;
        });
    }

    public JsonObject jwks() {
        return new JsonObject().put("keys", new JsonArray().add(signing.keys().jwk()));
    }

    /** A signed JWT naming the application in {@code app_id}; {@code subject} is who asked for it. */
    public String issue(AppEntry app, String subject) {
        long now = System.currentTimeMillis() / 1000;
        JsonObject claims = new JsonObject().put("sub", subject).put("app_id", app.id()).put("app_name", app.name())
            .put("client_id", app.clientId()).put("nbf", now);
        if (!config.jwtRequiredAudience().isEmpty()) claims.put("aud", config.jwtRequiredAudience());
        return signing.own().generateToken(claims, new JWTOptions().setAlgorithm("RS256").setIssuer(config.jwtIssuer())
            .setExpiresInSeconds((int) config.jwtTtlSeconds()).setHeader(new JsonObject().put("kid", JwtKeys.KID)));
    }

    @Override
    public Future<Verified> verify(String jwt) {
        Cached hit = verified.get(jwt);
        if (hit != null && hit.expMillis() > System.currentTimeMillis()) return Future.succeededFuture(hit.verified());
        try {
            return verifyParsed(jwt).map(claims -> remember(jwt, claims)).otherwise(err -> null);
        } catch (RuntimeException e) {
            return Future.succeededFuture(null); // any token the library cannot handle is simply not valid
        }
    }

    private Verified remember(String jwt, Verified v) {
        if (v == null) return null;
        long exp = v.claims().getValue("exp") instanceof Number n ? n.longValue() * 1000 : 0;
        if (exp > 0) { // tokens without exp are re-verified every time
            if (verified.size() >= MAX_CACHED) verified.clear();
            verified.put(jwt, new Cached(v, exp));
        }
        return v;
    }

    /** Verified with the gateway's own key only when it names that key (or no key, with no external issuer). */
    private Future<Verified> verifyParsed(String jwt) {
        JsonObject header = header(jwt);
        if (header == null) return Future.succeededFuture(null);
        String alg = header.getString("alg", "");
        if (alg.isEmpty() || alg.equalsIgnoreCase("none") || alg.startsWith("HS")) return Future.succeededFuture(null);
        String kid = header.getString("kid");
        if (JwtKeys.KID.equals(kid) || kid == null && external.isEmpty()) {
            return claims(signing.own(), jwt).map(c -> c == null ? null : new Verified(c, true));
        }
        return external.verify(jwt, kid).map(c -> c == null ? null : new Verified(c, false));
    }

    /** The decoded claims, or null when the JWTAuth rejects the token for any reason. */
    static Future<JsonObject> claims(JWTAuth auth, String jwt) {
        return auth.authenticate(new TokenCredentials(jwt))
            .map(user -> user.attributes().getJsonObject("accessToken"))
            .otherwise(err -> null);
    }

    private static JsonObject header(String jwt) {
        int dot = jwt.indexOf('.');
        if (dot <= 0) return null;
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.substring(0, dot)),
                java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
