package dev.apigw.emulator.admin;

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
 * {@code /subscriptions} (S-MON): subscribing to a package's plan creates an application ({@code subscription:true})
 * that consumes the package's APIs, carries the plan (its quota applies at runtime) and gets an API key, shown as
 * {@code accessTokens.apiAccessKey.apiAccessKey}. No approval step: every subscription is approved at once. Answers
 * are bare applications (a bare array for the list), as the product's.
 */
final class SubscriptionResource {
    private final AssetStore store;
    private final String owner;

    SubscriptionResource(AssetStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    void mount(Router router) {
        String base = AdminApi.BASE + "/subscriptions";
        router.get(base).handler(this::list);
        router.post(base).handler(this::create);
        router.get(base + "/:applicationId").handler(ctx -> find(ctx.pathParam("applicationId"))
            .onSuccess(app -> Bodies.ok(ctx, 200, view(app))).onFailure(ctx::fail));
        router.put(base + "/:applicationId").handler(this::update);
        router.delete(base + "/:applicationId").handler(ctx -> find(ctx.pathParam("applicationId"))
            .compose(app -> store.delete(AssetType.APPLICATIONS, app.getString("id")))
            .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    }

    private void list(RoutingContext ctx) {
        String packageId = ctx.queryParams().get("packageId");
        String planId = ctx.queryParams().get("planId");
        store.list(AssetType.APPLICATIONS).onSuccess(apps -> {
            JsonArray out = new JsonArray();
            apps.stream().filter(SubscriptionResource::isSubscription)
                .filter(a -> packageId == null || packageId.isBlank() || packageId.equals(a.getString("packageId")))
                .filter(a -> planId == null || planId.isBlank() || planId.equals(a.getString("planId")))
                .forEach(a -> out.add(masked(view(a))));
            ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        if (!(body.getValue("applicationName") instanceof String name) || name.isBlank()) {
            throw GatewayException.admin(400, "INVALID_PAYLOAD", "Application name is needed to create subscription");
        }
        String id = UUID.randomUUID().toString();
        plan(body).compose(pp -> {
            JsonObject app = new JsonObject().put("id", id).put("name", name)
                .put("description", body.getValue("applicationDescription", "")).put("owner", body.getValue("requesterId", owner))
                .put("version", "1.0").put("identifiers", new JsonArray()).put("contactEmails", new JsonArray())
                .put("siteURLs", new JsonArray()).put("jsOrigins", new JsonArray()).put("authStrategyIds", new JsonArray())
                .put("redirectURIs", body.getValue("redirectURIs", new JsonArray())).put("isSuspended", false)
                .put("subscription", true).put("shell", false).put("provider", "APIGateway")
                .put("created", Timestamps.now()).put("creationDate", Timestamps.now()).put("lastUpdated", System.currentTimeMillis())
                .put("accessTokens", new JsonObject().put("apiAccessKey_credentials",
                    Applications.apiKeyCredentials(Applications.randomHex())));
            subscribe(app, pp);
            return store.put(AssetType.APPLICATIONS, id, app).map(app);
        }).onSuccess(app -> Bodies.ok(ctx, 201, view(app))).onFailure(ctx::fail);
    }

    /** Moves the subscription to another plan (and package) or renames it. */
    private void update(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        find(ctx.pathParam("applicationId")).compose(app -> {
            if (body.getValue("applicationName") instanceof String n && !n.isBlank()) app.put("name", n);
            if (body.getValue("applicationDescription") instanceof String d) app.put("description", d);
            if (!body.containsKey("planId") && !body.containsKey("packageId")) return Future.succeededFuture(app);
            JsonObject target = new JsonObject().put("packageId", body.getValue("packageId", app.getValue("packageId")))
                .put("planId", body.getValue("planId", app.getValue("planId")));
            return plan(target).map(pp -> {
                subscribe(app, pp);
                return app;
            });
        }).compose(app -> store.put(AssetType.APPLICATIONS, app.getString("id"), app.put("lastUpdated",
            System.currentTimeMillis())).map(app)).onSuccess(app -> Bodies.ok(ctx, 200, view(app))).onFailure(ctx::fail);
    }

    private record PackagePlan(JsonObject pkg, JsonObject plan) {
    }

    /** The package and plan a request names; the plan must be one of the package's. */
    private Future<PackagePlan> plan(JsonObject body) {
        String packageId = body.getValue("packageId") instanceof String p ? p : "";
        String planId = body.getValue("planId") instanceof String p ? p : "";
        return Future.all(store.get(AssetType.PACKAGES, packageId), store.get(AssetType.PLANS, planId)).map(all -> {
            JsonObject pkg = all.resultAt(0);
            JsonObject plan = all.resultAt(1);
            if (pkg == null) throw GatewayException.admin(400, "INVALID_PAYLOAD", "Package id - " + packageId + " not found");
            if (plan == null || !pkg.getJsonArray("planIds", new JsonArray()).contains(planId)) {
                throw GatewayException.admin(400, "INVALID_PAYLOAD", "Plan id - " + planId + " is not a plan of package " + packageId);
            }
            return new PackagePlan(pkg, plan);
        });
    }

    private static void subscribe(JsonObject app, PackagePlan pp) {
        app.put("packageId", pp.pkg().getString("id")).put("packageName", pp.pkg().getString("name"))
            .put("planId", pp.plan().getString("id")).put("planName", pp.plan().getString("name"))
            .put("consumingAPIs", pp.pkg().getJsonArray("apiIds", new JsonArray()).copy());
    }

    private Future<JsonObject> find(String id) {
        return store.get(AssetType.APPLICATIONS, id).map(app -> {
            if (app == null || !isSubscription(app)) {
                throw GatewayException.admin(404, "NOT_FOUND", "Subscription with application id " + id + " does not exist.");
            }
            return app;
        });
    }

    static boolean isSubscription(JsonObject app) {
        return Boolean.TRUE.equals(app.getValue("subscription")) || app.getValue("planId") instanceof String;
    }

    /** The application as the subscription API shows it: the key also under {@code accessTokens.apiAccessKey}. */
    private static JsonObject view(JsonObject app) {
        JsonObject out = Applications.publicView(app);
        String key = Applications.apiKey(app);
        JsonObject tokens = out.getValue("accessTokens") instanceof JsonObject t ? t : new JsonObject();
        if (key != null) tokens.put("apiAccessKey", new JsonObject().put("apiAccessKey", key));
        return out.put("accessTokens", tokens).put("applicationID", app.getString("id"));
    }

    private static JsonObject masked(JsonObject view) {
        JsonObject tokens = view.getJsonObject("accessTokens");
        for (String k : List.of("apiAccessKey", "apiAccessKey_credentials")) {
            if (tokens.getValue(k) instanceof JsonObject t && t.containsKey("apiAccessKey")) t.put("apiAccessKey", "********");
        }
        return view;
    }
}
