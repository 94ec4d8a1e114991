package dev.apigw.emulator.admin;

import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What hangs off an application: the APIs it consumes ({@code /applications/{id}/apis}, {@code /apis/{id}/applications})
 * and the regeneration of its credentials ({@code POST /applications/{id}/accessTokens}).
 */
final class ApplicationLinksResource {
    private final AssetStore store;

    ApplicationLinksResource(AssetStore store) {
        this.store = store;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/applications/:id/apis").handler(this::apis);
        router.post(base + "/applications/:id/apis").handler(this::register);
        router.put(base + "/applications/:id/apis").handler(this::register);
        router.get(base + "/apis/:id/applications").handler(this::applicationsOfApi);
        router.post(base + "/applications/:id/accessTokens").handler(this::regenerate);
        router.get(base + "/applications/:id/accessTokens").handler(this::tokenEndpoints);
        // API keys here never expire (no apiKeyExpirationPeriod): recomputing their expiry changes nothing
        router.put(base + "/applications/accessTokens").handler(ctx -> Bodies.ok(ctx, 200, new JsonObject()));
        router.put(base + "/applications/:id/accessTokens").handler(ctx -> ApplicationResource.load(store, ctx.pathParam("id"))
            .onSuccess(app -> Bodies.ok(ctx, 200, new JsonObject())).onFailure(ctx::fail));
        router.delete(base + "/applications/:id/accessTokens").handler(ctx -> ApplicationResource.load(store, ctx.pathParam("id"))
            .onSuccess(app -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
        router.delete(base + "/applications/:id/apis").handler(this::unregister);
    }

    /** The local authorization server's endpoints, at the address the request came in on. */
    private void tokenEndpoints(RoutingContext ctx) {
        String base = (ctx.request().isSSL() ? "https://" : "http://") + ctx.request().authority();
        ApplicationResource.load(store, ctx.pathParam("id")).onSuccess(app -> Bodies.ok(ctx, 200, new JsonObject()
            .put("local", new JsonObject().put("uris", new JsonObject()
                .put("authorizeUrl", base + "/invoke/pub.apigateway.oauth2/authorize")
                .put("accessTokenUrl", base + "/invoke/pub.apigateway.oauth2/getAccessToken")
                .put("refreshTokenUrl", base + "/invoke/pub.oauth/refreshAccessToken"))))).onFailure(ctx::fail);
    }

    /** {@code DELETE /applications/{id}/apis?apiIDs=a,b}: the listed APIs leave the application's registrations. */
    private void unregister(RoutingContext ctx) {
        java.util.List<String> ids = Bodies.ids(ctx, "apiIDs");
        String id = ctx.pathParam("id");
        ApplicationResource.load(store, id).compose(app -> {
            JsonArray kept = new JsonArray();
            Applications.consumingApis(app).stream().filter(a -> !ids.contains(a)).forEach(kept::add);
            return store.put(AssetType.APPLICATIONS, id, app.put("consumingAPIs", kept));
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void apis(RoutingContext ctx) {
        ApplicationResource.load(store, ctx.pathParam("id")).onSuccess(app -> Bodies.ok(ctx, 200,
            new JsonObject().put("apiIDs", new JsonArray(Applications.consumingApis(app))))).onFailure(ctx::fail);
    }

    /** POST and PUT both replace the list: the product treats the body as the complete set. */
    private void register(RoutingContext ctx) {
        JsonArray ids = apiIds(ctx);
        String id = ctx.pathParam("id");
        ApplicationResource.load(store, id).compose(app -> {
            app.put("consumingAPIs", ids);
            return store.put(AssetType.APPLICATIONS, id, app);
        }).onSuccess(v -> Bodies.ok(ctx, 200, new JsonObject().put("apiIDs", ids))).onFailure(ctx::fail);
    }

    private void applicationsOfApi(RoutingContext ctx) {
        String apiId = ctx.pathParam("id");
        store.list(AssetType.APPLICATIONS).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.stream().filter(a -> Applications.consumingApis(a).contains(apiId))
                .forEach(a -> out.add(Applications.publicView(a)));
            Bodies.ok(ctx, 200, new JsonObject().put("applications", out));
        }).onFailure(ctx::fail);
    }

    /**
     * {@code {"type":"apiAccessKeyCredentials"}} replaces the API key; {@code {"type":"oAuth2Credentials"}} replaces
     * the client secret, shown once in this response. 201 with the new credentials.
     */
    private void regenerate(RoutingContext ctx) {
        String type = Bodies.json(ctx).getString("type", "");
        String id = ctx.pathParam("id");
        boolean key = "apiAccessKeyCredentials".equalsIgnoreCase(type);
        if (!key && !"oAuth2Credentials".equalsIgnoreCase(type) && !"oAuthCredentials".equalsIgnoreCase(type)) {
            throw GatewayException.invalidPayload("type must be apiAccessKeyCredentials or oAuthCredentials");
        }
        ApplicationResource.load(store, id).compose(app -> {
            JsonObject tokens = app.getValue("accessTokens") instanceof JsonObject t ? t : new JsonObject();
            app.put("accessTokens", tokens);
            JsonObject shown;
            if (key) {
                shown = new JsonObject().put("apiAccessKey_credentials", Applications.apiKeyCredentials(Applications.randomHex()));
                tokens.put("apiAccessKey_credentials", shown.getJsonObject("apiAccessKey_credentials"));
            } else {
                String secret = Applications.randomHex();
                JsonObject oauth = tokens.getJsonObject("oauth_credentials",
                    Applications.oauthCredentials(app.getString("name"), null));
                tokens.put("oauth_credentials", oauth.put("clientSecret", secret).copy()
                    .putNull("clientSecret").put(Applications.SECRET_HASH, Applications.hash(secret)));
                oauth.remove(Applications.SECRET_HASH);
                shown = new JsonObject().put("oauth_credentials", oauth);
            }
            return store.put(AssetType.APPLICATIONS, id, app).map(shown);
        }).onSuccess(shown -> Bodies.ok(ctx, 201, shown)).onFailure(ctx::fail);
    }

    /** {@code {"apiIDs":[...]}} or a bare JSON array of ids. */
    private static JsonArray apiIds(RoutingContext ctx) {
        Object parsed = Bodies.value(ctx);
        Object ids = parsed instanceof JsonObject o ? o.getValue("apiIDs") : parsed;
        if (!(ids instanceof JsonArray arr) || !arr.stream().allMatch(v -> v instanceof String)) {
            throw GatewayException.invalidPayload("expected {\"apiIDs\":[\"<apiId>\", ...]}");
        }
        return arr;
    }
}
