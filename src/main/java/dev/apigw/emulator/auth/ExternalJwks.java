package dev.apigw.emulator.auth;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys of external JWT issuers, fetched from the configured JWKS URLs and cached in one immutable JWTAuth. A token
 * whose {@code kid} is unknown triggers a refetch (at most one per second, so forged kids cannot hammer the
 * issuers) and one retry: this is how issuer key rotation is picked up. Shared by all event loops.
 */
public final class ExternalJwks implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalJwks.class);
    private static final long MIN_REFRESH_MS = 1_000;
    private final Vertx vertx;
    private final AuthConfig config;
    private final WebClient client;
    private final AtomicLong lastFetch = new AtomicLong();
    private volatile Keys keys = new Keys(null, Set.of());

    /** The current keys: a verifier and the kids it knows. */
    private record Keys(JWTAuth auth, Set<String> kids) {
    }

    public ExternalJwks(Vertx vertx, AuthConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = config.jwtJwksUrls().isEmpty() ? null : WebClient.create(vertx);
    }

    public boolean isEmpty() {
        return client == null;
    }

    /** Validation rules shared by every verifier: leeway, and the required audience when configured. */
    static JWTOptions validation(AuthConfig config) {
        JWTOptions o = new JWTOptions().setLeeway(5);
        if (!config.jwtRequiredAudience().isEmpty()) o.addAudience(config.jwtRequiredAudience());
        return o;
    }

    /** First fetch; never fails the start (an unreachable issuer is retried on the first token it signed). */
    @Override
    public Future<Void> start() {
        return isEmpty() ? Future.succeededFuture() : refresh().otherwiseEmpty();
    }

    Future<JsonObject> verify(String jwt, String kid) {
        Keys current = keys;
        if (current.auth() != null && (kid == null || current.kids().contains(kid))) return JwtService.claims(current.auth(), jwt);
        long now = System.currentTimeMillis();
        long last = lastFetch.get();
        if (isEmpty() || now - last < MIN_REFRESH_MS || !lastFetch.compareAndSet(last, now)) {
            return current.auth() == null ? Future.succeededFuture(null) : JwtService.claims(current.auth(), jwt);
        }
        return refresh().transform(ar -> keys.auth() == null ? Future.succeededFuture(null) : JwtService.claims(keys.auth(), jwt));
    }

    private Future<Void> refresh() {
        lastFetch.set(System.currentTimeMillis());
        List<Future<JsonObject>> fetches = new ArrayList<>();
        for (String url : config.jwtJwksUrls()) {
            fetches.add(client.getAbs(url).timeout(5_000).send().map(r -> {
                if (r.statusCode() != 200) throw new IllegalStateException("JWKS " + url + " answered " + r.statusCode());
                return r.bodyAsJsonObject();
            }).onFailure(err -> LOG.warn("cannot fetch JWKS {}: {}", url, err.getMessage())));
        }
        return Future.join(fetches).transform(ar -> {
            JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(validation(config));
            if (!config.jwtRequiredIssuer().isEmpty()) options.getJWTOptions().setIssuer(config.jwtRequiredIssuer());
            Set<String> kids = new HashSet<>();
            for (Future<JsonObject> f : fetches) {
                if (f.failed() || f.result() == null) continue;
                for (Object k : f.result().getJsonArray("keys", new io.vertx.core.json.JsonArray())) {
                    if (k instanceof JsonObject jwk && jwk.getString("kid") != null) {
                        options.addJwk(jwk);
                        kids.add(jwk.getString("kid"));
                    }
                }
            }
            if (!kids.isEmpty()) keys = new Keys(JWTAuth.create(vertx, options), Set.copyOf(kids));
            return Future.succeededFuture();
        });
    }
}
