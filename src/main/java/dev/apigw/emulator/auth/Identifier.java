package dev.apigw.emulator.auth;

import dev.apigw.emulator.config.AuthConfig;
import dev.apigw.emulator.iam.UserDirectory;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Finds the application a runtime request presents, for one identification type, from the in-memory
 * {@link ApplicationIndex} (no store round trip). Succeeds with {@code null} when the request carries no usable
 * credential of that type. Shared by all event loops; stateless apart from the shared index and validators.
 */
public final class Identifier {
    private static final Future<AppEntry> NONE = Future.succeededFuture(null);
    /** A token not cached on this node cannot be checked while the store is away: a server condition, not a 401. */
    private static final GatewayException STORE_DOWN = new GatewayException(503, "STORE_UNAVAILABLE",
        "The token store is unavailable", java.util.Map.of("Retry-After", "1"));
    private final ApplicationIndex index;
    private final AuthConfig config;
    private final TokenValidator tokens;
    private final JwtVerifier jwts;
    private final UserDirectory users;

    public Identifier(ApplicationIndex index, AuthConfig config, TokenValidator tokens, JwtVerifier jwts,
                      UserDirectory users) {
        this.index = index;
        this.config = config;
        this.tokens = tokens;
        this.jwts = jwts;
        this.users = users;
    }

    public AuthConfig config() {
        return config;
    }

    public Future<AppEntry> identify(String type, Exchange exchange) {
        return identify(type, exchange, ScopeRequirement.NONE);
    }

    /** @param scopes what an OAuth2 token must grant on this API's resources (oAuth2Token identification) */
    public Future<AppEntry> identify(String type, Exchange exchange, ScopeRequirement scopes) {
        HttpServerRequest req = exchange.request();
        ApplicationIndex.Snapshot apps = index.current();
        return switch (type) {
            case "apiKey" -> byApiKey(req.getHeader(config.apiKeyHeader()), apps);
            case "httpBasicAuth" -> byBasic(Credentials.basic(req.getHeader("Authorization")), apps);
            case "hostNameAddress" -> Future.succeededFuture(byHost(req, apps));
            case "oAuth2Token" -> byToken(Credentials.bearer(req.getHeader("Authorization")), exchange, scopes);
            case "jwtClaims" -> byJwt(Credentials.bearer(req.getHeader("Authorization")));
            default -> NONE;
        };
    }

    private static Future<AppEntry> byApiKey(String key, ApplicationIndex.Snapshot apps) {
        return key == null ? NONE : Future.succeededFuture(apps.byApiKey().get(key.trim()));
    }

    /**
     * A Basic pair identifies: an application by its OAuth2 client id and secret; else the application whose
     * {@code httpBasicAuth} identifier lists the user, when the password is the user's (a local user of
     * {@code /users}, or the administrator) or, for compatibility, that application's client secret. Completes at
     * once except for a user whose verdict is not cached yet (PBKDF2 on a worker).
     */
    private Future<AppEntry> byBasic(Credentials.Basic basic, ApplicationIndex.Snapshot apps) {
        if (basic == null) return NONE;
        AppEntry client = apps.byClientId().get(basic.user());
        if (client != null && Applications.secretMatches(basic.password(), client.secretHash())) return Future.succeededFuture(client);
        List<AppEntry> named = apps.byUser().get(basic.user());
        if (named == null) return NONE;
        for (AppEntry app : named) {
            if (Applications.secretMatches(basic.password(), app.secretHash())) return Future.succeededFuture(app);
        }
        Future<Boolean> user = users.verify(basic.user(), basic.password());
        if (user.isComplete()) return Future.succeededFuture(user.succeeded() && user.result() ? named.get(0) : null);
        return user.map(ok -> ok ? named.get(0) : null);
    }

    private static AppEntry byHost(HttpServerRequest req, ApplicationIndex.Snapshot apps) {
        if (req.remoteAddress() == null) return null;
        List<AppEntry> found = apps.byHost().get(req.remoteAddress().hostAddress().toLowerCase());
        String name = req.remoteAddress().hostName();
        if (found == null && name != null) found = apps.byHost().get(name.toLowerCase());
        return found == null || found.isEmpty() ? null : found.get(0);
    }

    /** The token's application, when the token grants a scope the API's scope mappings require for the resource. */
    private Future<AppEntry> byToken(String token, Exchange exchange, ScopeRequirement scopes) {
        if (token == null || !TokenFormat.looksLikeAccessToken(token)) return NONE;
        return tokens.grantOf(token).map(grant -> {
            if (grant == null) return null;
            if (!scopes.isEmpty() && !scopes.allows(resource(exchange), grant.scopes())) return null;
            return index.current().byId().get(grant.appId());
        }).recover(err -> Future.failedFuture(err instanceof StoreUnavailableException ? STORE_DOWN : err));
    }

    private static String resource(Exchange exchange) {
        return exchange.api().resources() == null ? null : exchange.api().resources().match(exchange.resourcePath()).resource();
    }

    private Future<AppEntry> byJwt(String jwt) {
        if (jwt == null || jwt.chars().filter(c -> c == '.').count() != 2) return NONE;
        return jwts.verify(jwt).map(v -> v == null ? null : byClaims(v));
    }

    /**
     * A JWT this gateway issued names its application in {@code app_id}, trusted only when the gateway's own key signed
     * it (an external issuer may use the same {@code iss} name); every JWT may match jwtClaims identifiers.
     */
    private AppEntry byClaims(JwtVerifier.Verified verified) {
        JsonObject claims = verified.claims();
        ApplicationIndex.Snapshot apps = index.current();
        String appId = claims.getValue("app_id") instanceof String s ? s : null;
        if (appId != null && verified.ownKey() && config.jwtIssuer().equals(claims.getValue("iss"))) {
            AppEntry own = apps.byId().get(appId);
            if (own != null) return own;
        }
        for (ApplicationIndex.ClaimRule rule : apps.claimRules()) {
            if (rule.matches(claims)) return rule.app();
        }
        return null;
    }
}
