package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.WebhookShapes;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.webhook.WebhookEvents;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /rest/apigateway/webhooks}: the product's shapes (reference §3.6). Lists and single reads are wrapped in
 * {@code {"response":...}}, create (201) and update (200) answer the bare webhook, delete 204; an empty list is 404
 * "No records found." as in the swagger. Passwords are never answered (null); a PUT without one keeps the stored one.
 */
final class WebhookResource {
    /** The IS-style path the zero-downtime collection also reads a webhook by: {@code /restv2/apigateway:webhooks/{id}}. */
    private static final String RESTV2_ID = "/restv2/apigateway:webhooks/(?<id>[^/]+)";
    private final AssetStore store;

    WebhookResource(AssetStore store) {
        this.store = store;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        mountReads(router);
        router.post(base + "/webhooks").handler(this::create);
        router.put(base + "/webhooks/:id").handler(this::update);
        router.delete(base + "/webhooks/:id").handler(this::delete);
        // ':' in a path is Vert.x's parameter marker, hence regular expressions for the restv2 form
        router.getWithRegex(RESTV2_ID).handler(this::get);
        router.putWithRegex(RESTV2_ID).handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(this::update);
        router.deleteWithRegex(RESTV2_ID).handler(this::delete);
    }

    /** The read side alone, for the quiesce port of a node quiesced for all. */
    void mountReads(Router router) {
        router.get(AdminApi.BASE + "/webhooks").handler(this::list);
        router.get(AdminApi.BASE + "/webhooks/:id").handler(this::get);
    }

    private void list(RoutingContext ctx) {
        store.list(AssetType.WEBHOOKS).onSuccess(all -> {
            if (all.isEmpty()) ctx.fail(GatewayException.admin(404, "NOT_FOUND", "No records found."));
            else Bodies.ok(ctx, 200, new JsonObject().put("response", new JsonArray(all.stream().map(WebhookResource::masked).toList())));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject hook = validated(Bodies.json(ctx));
        String id = UUID.randomUUID().toString();
        hook.put("id", id);
        store.put(AssetType.WEBHOOKS, id, hook).onSuccess(v -> Bodies.ok(ctx, 201, masked(hook))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.get(AssetType.WEBHOOKS, id).onSuccess(h -> {
            if (h == null) ctx.fail(notFound(id));
            else Bodies.ok(ctx, 200, new JsonObject().put("response", masked(h)));
        }).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject hook = validated(Bodies.json(ctx)).put("id", id);
        boolean passwordGiven = Bodies.json(ctx).getValue("config") instanceof JsonObject c && c.getValue("password") != null;
        store.get(AssetType.WEBHOOKS, id).compose(old -> {
            if (old == null) throw notFound(id);
            // the password is never shown, so a client that PUTs back what it read keeps the stored one
            if (!passwordGiven && old.getValue("config") instanceof JsonObject oc && oc.getValue("password") instanceof String p) {
                hook.getJsonObject("config").put("password", p);
            }
            return store.put(AssetType.WEBHOOKS, id, hook);
        }).onSuccess(v -> Bodies.ok(ctx, 200, masked(hook))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.delete(AssetType.WEBHOOKS, id).onSuccess(removed -> {
            if (removed) ctx.response().setStatusCode(204).end();
            else ctx.fail(notFound(id));
        }).onFailure(ctx::fail);
    }

    /** The webhook as answered: its password is never shown (null), like an application's client secret. */
    static JsonObject masked(JsonObject hook) {
        JsonObject out = hook.copy();
        if (out.getValue("config") instanceof JsonObject cfg && cfg.containsKey("password")) cfg.putNull("password");
        return out;
    }

    private static GatewayException notFound(String id) {
        return GatewayException.admin(404, "NOT_FOUND", "Resource " + id + " not found");
    }

    /** events (required, known values), config.url (required, http/https), optional headers and credentials. */
    static JsonObject validated(JsonObject body) {
        WebhookShapes.check(body);
        JsonArray events = body.getJsonArray("events");
        JsonObject config = body.getJsonObject("config");
        String url = config.getString("url");
        Object headers = config.getValue("headers");
        Object active = body.getValue("active"); // a boolean: WebhookShapes stores "true"/"false" as one
        JsonObject cfg = new JsonObject().put("url", url).put("headers", headers == null ? new JsonObject() : headers)
            .put("username", config.getString("username")).put("password", config.getString("password"))
            .put("truststoreAlias", config.getString("truststoreAlias"));
        return new JsonObject().put("config", cfg).put("events", events).put("active", Boolean.TRUE.equals(active));
    }
}
