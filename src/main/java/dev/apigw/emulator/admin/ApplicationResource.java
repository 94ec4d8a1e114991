package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Timestamps;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * {@code /rest/apigateway/applications}: CRUD of applications. Lists and GET by id answer in the
 * {@code {"applications":[...]}} wrapper; create and update answer with the bare application, as the product does.
 * Credentials are the gateway's: an API key and OAuth2 client credentials are generated on create, and the client
 * secret appears only in the create response (the store keeps its hash).
 */
final class ApplicationResource {
    /** Fields the gateway owns; PUT and PATCH cannot overwrite them. */
    private static final List<String> SERVER_OWNED = List.of("id", "created", "owner", "accessTokens");

    private final AssetStore store;
    private final AssetValidation validation;
    private final String owner;

    ApplicationResource(AssetStore store, AssetValidation validation, String owner) {
        this.store = store;
        this.validation = validation;
        this.owner = owner;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/applications").handler(this::list);
        router.post(base + "/applications").handler(this::create);
        router.delete(base + "/applications").handler(this::deleteMany);
        router.get(base + "/applications/:id").handler(this::get);
        router.put(base + "/applications/:id").handler(this::update);
        router.patch(base + "/applications/:id").handler(this::patch);
        router.delete(base + "/applications/:id").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        store.list(AssetType.APPLICATIONS).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.forEach(a -> out.add(Applications.publicView(a)));
            Bodies.ok(ctx, 200, new JsonObject().put("applications", out));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject app = Bodies.unwrap(Bodies.json(ctx), "application");
        requireName(app);
        SERVER_OWNED.forEach(app::remove);
        String id = UUID.randomUUID().toString();
        String secret = Applications.randomHex();
        JsonObject oauth = Applications.oauthCredentials(app.getString("name"), secret);
        app.put("id", id).put("created", Timestamps.now()).putNull("lastupdated").put("owner", owner)
            .put("accessTokens", new JsonObject()
                .put("apiAccessKey_credentials", Applications.apiKeyCredentials(Applications.randomHex()))
                .put("oauth_credentials", oauth));
        defaults(app);
        JsonObject stored = validation.check(AssetType.APPLICATIONS, app.copy());
        Applications.oauth(stored).putNull("clientSecret").put(Applications.SECRET_HASH, Applications.hash(secret));
        store.put(AssetType.APPLICATIONS, id, stored)
            .onSuccess(v -> Bodies.ok(ctx, 200, app)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        load(store, id).onSuccess(app -> Bodies.ok(ctx, 200, new JsonObject()
            .put("applications", new JsonArray().add(Applications.publicView(app))))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        JsonObject input = Bodies.unwrap(Bodies.json(ctx), "application");
        requireName(input);
        change(ctx, existing -> {
            JsonObject app = input.copy();
            SERVER_OWNED.forEach(k -> app.put(k, existing.getValue(k)));
            if (!app.containsKey("consumingAPIs")) app.put("consumingAPIs", existing.getValue("consumingAPIs"));
            if (!app.containsKey("isSuspended")) app.put("isSuspended", existing.getValue("isSuspended"));
            defaults(app);
            return app;
        });
    }

    private void patch(RoutingContext ctx) {
        JsonObject input = Bodies.unwrap(Bodies.json(ctx), "application");
        change(ctx, existing -> {
            JsonObject app = existing.copy();
            input.forEach(e -> {
                if (!SERVER_OWNED.contains(e.getKey())) app.put(e.getKey(), e.getValue());
            });
            return app;
        });
    }

    /** Read, transform, write back; answers with the public view of the result. */
    private void change(RoutingContext ctx, java.util.function.UnaryOperator<JsonObject> edit) {
        String id = ctx.pathParam("id");
        load(store, id).compose(existing -> {
            JsonObject app = validation.check(AssetType.APPLICATIONS, edit.apply(existing));
            app.put("isSuspended", Applications.suspended(app)).put("lastupdated", Timestamps.now());
            return store.put(AssetType.APPLICATIONS, id, app).map(app);
        }).onSuccess(app -> Bodies.ok(ctx, 200, Applications.publicView(app))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.delete(AssetType.APPLICATIONS, id).onSuccess(removed -> {
            if (removed) ctx.response().setStatusCode(204).end();
            else ctx.fail(GatewayException.notFound(id));
        }).onFailure(ctx::fail);
    }

    private void deleteMany(RoutingContext ctx) {
        List<String> ids = Bodies.ids(ctx, "ids");
        if (ids.isEmpty()) throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter ids is missing");
        Future.all(ids.stream().map(id -> store.delete(AssetType.APPLICATIONS, id)).toList()).onSuccess(all -> {
            boolean any = all.list().stream().anyMatch(Boolean.TRUE::equals);
            if (any) ctx.response().setStatusCode(204).end();
            else ctx.fail(GatewayException.notFound(String.join(",", ids)));
        }).onFailure(ctx::fail);
    }

    /** The stored application, or a failed future with the admin 404. */
    static Future<JsonObject> load(AssetStore store, String id) {
        return store.get(AssetType.APPLICATIONS, id).compose(app -> app == null
            ? Future.failedFuture(GatewayException.notFound(id)) : Future.succeededFuture(app));
    }

    /** The product's own message for a missing name; every other field is checked by the validation. */
    private void requireName(JsonObject app) {
        if (!(app.getValue("name") instanceof String name) || name.isBlank()) {
            throw GatewayException.invalidPayload("the mandatory field name is missing");
        }
        validation.check(AssetType.APPLICATIONS, app);
    }

    private static void defaults(JsonObject app) {
        JsonArray identifiers = app.getValue("identifiers") instanceof JsonArray a ? a : new JsonArray();
        for (Object o : identifiers) {
            if (!(o instanceof JsonObject ident)) throw GatewayException.invalidPayload("every identifier must be an object");
            if (ident.getString("id") == null) ident.put("id", UUID.randomUUID().toString());
        }
        app.put("identifiers", identifiers);
        if (!app.containsKey("version")) app.put("version", "1.0");
        if (!(app.getValue("consumingAPIs") instanceof JsonArray)) app.put("consumingAPIs", new JsonArray());
        app.put("isSuspended", Applications.suspended(app));
        for (String k : List.of("contactEmails", "siteURLs", "jsOrigins", "authStrategyIds")) {
            if (!app.containsKey(k)) app.put(k, new JsonArray());
        }
    }
}
