package dev.apigw.emulator.auth;

import dev.apigw.emulator.model.ScopeReferences;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local OAuth2 authorization server: {@code POST /invoke/pub.apigateway.oauth2/getAccessToken}
 * (client_credentials), {@code POST /invoke/pub.oauth/introspectToken} (RFC 7662) and
 * {@code POST /invoke/pub.oauth/revokeToken} (RFC 7009). Errors use RFC 6749's {@code {"error","error_description"}};
 * a store outage gives 503 (tokens cannot be issued or looked up), never a 5xx for bad client input.
 */
final class OAuthEndpoints {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    static final String INTROSPECT = "/invoke/pub.oauth/introspectToken";
    static final String REVOKE = "/invoke/pub.oauth/revokeToken";
    private static final Logger LOG = LoggerFactory.getLogger(OAuthEndpoints.class);

    private final ApplicationIndex index;
    private final TokenService tokens;
    private final AssetStore assets;

    OAuthEndpoints(ApplicationIndex index, TokenService tokens, AssetStore assets) {
        this.index = index;
        this.tokens = tokens;
        this.assets = assets;
    }

    void mount(Router router) {
        router.post(TOKEN).handler(this::token);
        router.post(INTROSPECT).handler(this::introspect);
        router.post(REVOKE).handler(this::revoke);
    }

    private void token(RoutingContext ctx) {
        Params params = Params.of(ctx);
        String grant = params.get("grant_type");
        if (!"client_credentials".equals(grant)) {
            error(ctx, 400, grant == null ? "invalid_request" : "unsupported_grant_type",
                "grant_type must be client_credentials");
            return;
        }
        AppEntry app = ClientAuth.authenticate(ctx.request().getHeader("Authorization"), params, index.current());
        if (app == null) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"API Gateway\"");
            error(ctx, 401, "invalid_client", "Client authentication failed");
            return;
        }
        String scope = params.get("scope");
        grant(app, scope).compose(granted -> granted == null ? Future.<JsonObject>succeededFuture(null)
                : tokens.issue(app, granted).map(token -> new JsonObject().put("access_token", token)
                    .put("token_type", "Bearer").put("expires_in", tokens.ttlSeconds()).put("scope", granted)))
            .onSuccess(body -> {
                if (body == null) {
                    error(ctx, 400, "invalid_scope", "The requested scope is not available to this client");
                    return;
                }
                if (body.getString("scope").isEmpty()) body.remove("scope");
                send(ctx, 200, body);
            }).onFailure(err -> unavailable(ctx, err));
    }

    /**
     * The scopes a token gets: those requested, when every one is available to the client; without a request, all
     * of them. Null when a requested scope is not available. Available: the scopes the client's strategy registered
     * ({@code dcrConfig.scopes}), else the local scopes that gateway scope mappings map to the application's APIs and
     * those APIs' own scope names.
     */
    private Future<String> grant(AppEntry app, String requested) {
        Set<String> registered = index.current().clientScopes().get(app.clientId());
        Future<Set<String>> available = registered != null && !registered.isEmpty() ? Future.succeededFuture(registered)
            : mappedScopes(app);
        return available.map(offered -> {
            if (requested == null || requested.isBlank()) return String.join(" ", offered);
            List<String> wanted = Arrays.stream(requested.trim().split("\\s+")).toList();
            return offered.containsAll(wanted) ? String.join(" ", wanted) : null;
        });
    }

    private Future<Set<String>> mappedScopes(AppEntry app) {
        return Future.all(assets.list(AssetType.APIS), assets.list(AssetType.GATEWAY_SCOPES)).map(all -> {
            Set<String> offered = new TreeSet<>();
            for (JsonObject api : all.<List<JsonObject>>resultAt(0)) {
                if (!app.apiIds().contains(api.getString("id"))) continue;
                if (!(api.getValue("scopes") instanceof JsonArray scopes)) continue;
                for (Object s : scopes) {
                    if (s instanceof JsonObject so && so.getString("name") != null) offered.add(so.getString("name"));
                }
            }
            for (JsonObject mapping : all.<List<JsonObject>>resultAt(1)) {
                for (Object ref : mapping.getJsonArray("apiScopes", new JsonArray())) {
                    if (ref instanceof String r && app.apiIds().contains(ScopeReferences.apiIdOf(r))) {
                        offered.addAll(ScopeReferences.localScopes(mapping));
                    }
                }
            }
            return offered;
        });
    }

    private void introspect(RoutingContext ctx) {
        Params params = Params.of(ctx);
        if (ClientAuth.authenticate(ctx.request().getHeader("Authorization"), params, index.current()) == null) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"API Gateway\"");
            error(ctx, 401, "invalid_client", "Client authentication failed");
            return;
        }
        tokens.lookup(params.get("token")).onSuccess(meta -> {
            AppEntry owner = meta == null ? null : index.current().byId().get(meta.getString("appId"));
            if (owner == null || owner.suspended()) {
                send(ctx, 200, new JsonObject().put("active", false));
                return;
            }
            JsonObject body = new JsonObject().put("active", true).put("client_id", meta.getString("clientId"))
                .put("token_type", "Bearer").put("exp", meta.getLong("exp")).put("iat", meta.getLong("iat"))
                .put("sub", owner.id()).put("app_id", owner.id()).put("app_name", owner.name());
            if (meta.getString("scope") != null) body.put("scope", meta.getString("scope"));
            send(ctx, 200, body);
        }).onFailure(err -> unavailable(ctx, err));
    }

    /** RFC 7009: 200 whether or not the token existed; a client may only revoke its own tokens. */
    private void revoke(RoutingContext ctx) {
        Params params = Params.of(ctx);
        AppEntry client = ClientAuth.authenticate(ctx.request().getHeader("Authorization"), params, index.current());
        if (client == null) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"API Gateway\"");
            error(ctx, 401, "invalid_client", "Client authentication failed");
            return;
        }
        String token = params.get("token");
        if (token == null) {
            error(ctx, 400, "invalid_request", "token is required");
            return;
        }
        tokens.lookup(token).compose(meta -> meta != null && client.id().equals(meta.getString("appId"))
                ? tokens.revoke(token) : Future.succeededFuture(false))
            .onSuccess(v -> ctx.response().setStatusCode(200).end())
            .onFailure(err -> unavailable(ctx, err));
    }

    private static void unavailable(RoutingContext ctx, Throwable err) {
        LOG.warn("token store unavailable: {}", err.getMessage());
        ctx.response().putHeader("Retry-After", "1");
        error(ctx, 503, "temporarily_unavailable", "The token store is unavailable");
    }

    static void error(RoutingContext ctx, int status, String code, String description) {
        send(ctx, status, new JsonObject().put("error", code).put("error_description", description));
    }

    static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
