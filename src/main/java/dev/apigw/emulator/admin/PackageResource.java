package dev.apigw.emulator.admin;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /packages} (S-MON): packages of APIs and plans, in the {@code packageResponse} wrapper with the product's
 * status answers ({@code CREATED}, {@code SUCCESS}, {@code ACTIVATED}, ...). Every API and plan a package names must
 * exist. Publishing to a portal answers the product's "configure API-Portal" 400: the emulator has no portal.
 */
final class PackageResource {
    static final String NOT_FOUND_KEY = "PACKAGE_NOT_FOUND";
    private final AssetStore store;

    PackageResource(AssetStore store) {
        this.store = store;
    }

    void mount(Router router) {
        String base = AdminApi.BASE + "/packages";
        router.get(base).handler(ctx -> store.list(AssetType.PACKAGES).onSuccess(all -> Bodies.ok(ctx, 200,
            new JsonObject().put("packageResponse", new JsonArray(all)))).onFailure(ctx::fail));
        router.post(base).handler(this::create);
        router.get(base + "/:id").handler(this::get);
        router.put(base + "/:id").handler(this::update);
        router.delete(base + "/:id").handler(this::delete);
        router.put(base + "/:id/activate").handler(ctx -> activate(ctx, true));
        router.put(base + "/:id/deactivate").handler(ctx -> activate(ctx, false));
        router.put(base + "/:id/publish").handler(this::portal);
        router.put(base + "/:id/unpublish").handler(this::portal);
        router.get(base + "/:id/apis").handler(ctx -> members(ctx, "apiIds", AssetType.APIS));
        router.get(base + "/:id/plans").handler(ctx -> members(ctx, "planIds", AssetType.PLANS));
    }

    private void create(RoutingContext ctx) {
        JsonObject pkg = validated(Bodies.json(ctx));
        String id = ClientIds.take(pkg);
        pkg.put("id", id).put("active", false).put("deprecated", Boolean.TRUE.equals(Lenient.bool(pkg.getValue("deprecated"))))
            .put("publishedPortals", new JsonArray()).put("creationDate", System.currentTimeMillis());
        checkMembers(pkg).compose(v -> store.put(AssetType.PACKAGES, id, pkg))
            .onSuccess(v -> Bodies.ok(ctx, 201, status(id, "CREATED", "Package Created"))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        find(ctx.pathParam("id")).compose(pkg -> Future.all(store.list(AssetType.APIS), store.list(AssetType.PLANS)).map(all -> {
            JsonObject out = pkg.copy().put("apis", pick(all.resultAt(0), pkg.getJsonArray("apiIds")));
            JsonArray plans = new JsonArray();
            for (Object p : pick(all.resultAt(1), pkg.getJsonArray("planIds"))) {
                JsonObject plan = (JsonObject) p;
                plans.add(new JsonObject().put("id", plan.getString("id")).put("name", plan.getString("name"))
                    .put("deprecated", plan.getValue("deprecated", false)));
            }
            return out.put("plans", plans);
        })).onSuccess(pkg -> Bodies.ok(ctx, 200, new JsonObject().put("packageResponse", pkg))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject body = validated(Bodies.json(ctx));
        store.get(AssetType.PACKAGES, id).compose(existing -> {
            if (existing == null) throw GatewayException.admin(404, "NOT_FOUND", "Package id - " + id + " not found");
            for (String k : List.of("active", "creationDate", "publishedPortals")) body.put(k, existing.getValue(k));
            body.put("id", id);
            return checkMembers(body).compose(v -> store.put(AssetType.PACKAGES, id, body));
        }).onSuccess(v -> Bodies.ok(ctx, 200, status(id, "SUCCESS", "Package Updated"))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.delete(AssetType.PACKAGES, id).onSuccess(removed -> {
            if (removed) ctx.response().setStatusCode(204).end();
            else ctx.fail(GatewayException.admin(404, "NOT_FOUND", "Package '" + id + "' not found."));
        }).onFailure(ctx::fail);
    }

    private void activate(RoutingContext ctx, boolean on) {
        String id = ctx.pathParam("id");
        find(id).compose(pkg -> {
            if (Boolean.TRUE.equals(Lenient.bool(pkg.getValue("active"))) == on) {
                throw GatewayException.admin(400, "ALREADY", "Package id - " + id + " already " + (on ? "activated" : "deactivated"));
            }
            return store.put(AssetType.PACKAGES, id, pkg.put("active", on));
        }).onSuccess(v -> Bodies.ok(ctx, 200, status(id, on ? "ACTIVATED" : "DEACTIVATED",
            "Package " + (on ? "Activated" : "Deactivated")))).onFailure(ctx::fail);
    }

    private void portal(RoutingContext ctx) {
        find(ctx.pathParam("id")).onSuccess(pkg -> ctx.fail(GatewayException.admin(400, "NO_PORTAL",
            "Please configure API-Portal in Administration > Destinations section"))).onFailure(ctx::fail);
    }

    private void members(RoutingContext ctx, String key, AssetType type) {
        find(ctx.pathParam("id")).compose(pkg -> store.list(type).map(all -> pick(all, pkg.getJsonArray(key))))
            .onSuccess(list -> Bodies.ok(ctx, 200, new JsonObject().put("packageResponse", list))).onFailure(ctx::fail);
    }

    private Future<JsonObject> find(String id) {
        return store.get(AssetType.PACKAGES, id).map(p -> {
            if (p == null) throw GatewayException.admin(404, NOT_FOUND_KEY, "Package(s) not found");
            return p;
        });
    }

    private static JsonObject validated(JsonObject pkg) {
        if (!(pkg.getValue("name") instanceof String n) || n.isBlank()) {
            throw GatewayException.admin(400, "INVALID_PAYLOAD", "Package name should not be empty or null");
        }
        for (String k : List.of("apiIds", "planIds", "publishedPortals")) pkg.put(k, PrincipalResources.strings(pkg, k));
        return pkg;
    }

    private Future<Void> checkMembers(JsonObject pkg) {
        return Future.all(store.list(AssetType.APIS), store.list(AssetType.PLANS)).map(all -> {
            missing(all.resultAt(0), pkg.getJsonArray("apiIds"), "API");
            missing(all.resultAt(1), pkg.getJsonArray("planIds"), "Plan");
            return null;
        });
    }

    private static void missing(List<JsonObject> existing, JsonArray ids, String what) {
        for (Object id : ids) {
            if (existing.stream().noneMatch(e -> id.equals(e.getString("id")))) {
                throw GatewayException.admin(400, "INVALID_PAYLOAD", what + " with id " + id + " does not exist");
            }
        }
    }

    private static JsonArray pick(List<JsonObject> all, JsonArray ids) {
        JsonArray out = new JsonArray();
        for (JsonObject a : all) if (ids != null && ids.contains(a.getString("id"))) out.add(a);
        return out;
    }

    private static JsonObject status(String id, String status, String description) {
        return new JsonObject().put("packageResponse", new JsonObject().put("id", id).put("status", status)
            .put("description", description));
    }
}
