package dev.apigw.emulator.admin;

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
 * "No records found." as in the swagger.
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
            else Bodies.ok(ctx, 200, new JsonObject().put("response", new JsonArray(List.copyOf(all))));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject hook = validated(Bodies.json(ctx));
        String id = UUID.randomUUID().toString();
        hook.put("id", id);
        store.put(AssetType.WEBHOOKS, id, hook).onSuccess(v -> Bodies.ok(ctx, 201, hook)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.get(AssetType.WEBHOOKS, id).onSuccess(h -> {
            if (h == null) ctx.fail(notFound(id));
            else Bodies.ok(ctx, 200, new JsonObject().put("response", h));
        }).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject hook = validated(Bodies.json(ctx)).put("id", id);
        store.get(AssetType.WEBHOOKS, id).compose(old -> {
            if (old == null) throw notFound(id);
            return store.put(AssetType.WEBHOOKS, id, hook);
        }).onSuccess(v -> Bodies.ok(ctx, 200, hook)).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.delete(AssetType.WEBHOOKS, id).onSuccess(removed -> {
            if (removed) ctx.response().setStatusCode(204).end();
            else ctx.fail(notFound(id));
        }).onFailure(ctx::fail);
    }

    private static GatewayException notFound(String id) {
        return GatewayException.admin(404, "NOT_FOUND", "Resource " + id + " not found");
    }

    /** events (required, known values), config.url (required, http/https), optional headers and credentials. */
    static JsonObject validated(JsonObject body) {
        if (!(body.getValue("events") instanceof JsonArray events) || events.isEmpty()) {
            throw GatewayException.invalidPayload("'events' is required: a non-empty array of event names");
        }
        for (Object e : events) {
            if (!WebhookEvents.ALL.contains(e)) throw GatewayException.invalidPayload("unknown event '" + e + "'; allowed: " + WebhookEvents.ALL);
        }
        if (!(body.getValue("config") instanceof JsonObject config) || !(config.getValue("url") instanceof String url)) {
            throw GatewayException.invalidPayload("'config.url' is required");
        }
        checkUrl(url);
        Object headers = config.getValue("headers");
        if (headers != null && !(headers instanceof JsonObject)) throw GatewayException.invalidPayload("'config.headers' must be an object");
        Object active = body.getValue("active") == null ? null : dev.apigw.emulator.model.Lenient.bool(body.getValue("active"));
        if (body.getValue("active") != null && active == null) throw GatewayException.invalidPayload("'active' must be true or false");
        JsonObject cfg = new JsonObject().put("url", url).put("headers", headers == null ? new JsonObject() : headers)
            .put("username", config.getString("username")).put("password", config.getString("password"))
            .put("truststoreAlias", config.getString("truststoreAlias"));
        return new JsonObject().put("config", cfg).put("events", events).put("active", Boolean.TRUE.equals(active));
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return;
        } catch (Exception e) {
            // the 400 below
        }
        throw GatewayException.invalidPayload("'config.url' must be an absolute http or https URL, was '" + url + "'");
    }
}
