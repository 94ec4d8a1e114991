package dev.apigw.emulator.admin;

import dev.apigw.emulator.alias.AliasShapes;
import dev.apigw.emulator.alias.BuiltInAliases;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /rest/apigateway/alias}: aliases of every product type, checked per type on write. The list answers
 * {@code {"alias":[...]}}; one alias (GET, POST, PUT by id, {@code /alias/local}) answers {@code {"alias":{...}}}, as
 * real clients read it. PUT takes the alias bare (as a GET answered it, or a stage's content without an id) or
 * wrapped. Built-in aliases cannot be deleted (405). Writes answer once the route table uses them.
 */
final class AliasResource {
    private final AssetStore store;
    private final String owner;

    AliasResource(AssetStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/alias").handler(this::list);
        router.post(base + "/alias").handler(this::create);
        router.get(base + "/alias/:aliasId").handler(this::get);
        router.put(base + "/alias/:aliasId").handler(this::update);
        router.delete(base + "/alias/:aliasId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        store.list(AssetType.ALIASES).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.stream().sorted((a, b) -> a.getString("name", "").compareToIgnoreCase(b.getString("name", ""))).forEach(out::add);
            Bodies.ok(ctx, 200, new JsonObject().put("alias", out));
        }).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        find(ctx.pathParam("aliasId")).onSuccess(a -> Bodies.ok(ctx, 200, new JsonObject().put("alias", a)))
            .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject alias = AliasShapes.check(Bodies.unwrap(Bodies.json(ctx), "alias"));
        String id = ClientIds.take(alias);
        if (!alias.containsKey("owner")) alias.put("owner", owner);
        store.get(AssetType.ALIASES, id).compose(existing -> {
            if (existing != null) throw AliasesErrors.exists("id " + id);
            return checkUniqueName(alias, id);
        }).compose(v -> store.put(AssetType.ALIASES, id, alias.put("id", id)))
            .onSuccess(v -> Bodies.ok(ctx, 201, new JsonObject().put("alias", alias))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("aliasId");
        JsonObject alias = AliasShapes.check(Bodies.unwrap(Bodies.json(ctx), "alias"));
        store.get(AssetType.ALIASES, id).compose(existing -> {
            if (existing == null) throw AliasesErrors.notFoundOnPut(id);
            if (BuiltInAliases.isBuiltIn(id) && !existing.getString("type", "").equals(alias.getString("type"))) {
                throw AliasesErrors.invalid("the type of the system alias " + id + " cannot change");
            }
            if (!alias.containsKey("owner")) alias.put("owner", existing.getValue("owner", owner));
            alias.put("id", id);
            return checkUniqueName(alias, id);
        }).compose(v -> store.put(AssetType.ALIASES, id, alias))
            .onSuccess(v -> Bodies.ok(ctx, 200, new JsonObject().put("alias", alias))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("aliasId");
        if (BuiltInAliases.isBuiltIn(id)) {
            throw GatewayException.admin(405, "SYSTEM_ALIAS", "Unable to process the DELETE request for alias. Error occurred "
                + "while processing the payload. Error Message:\n Method: DELETE is not allowed on resource: alias " + id);
        }
        store.delete(AssetType.ALIASES, id).onSuccess(removed -> {
            if (removed) ctx.response().setStatusCode(204).end();
            else ctx.fail(AliasesErrors.notFound(id));
        }).onFailure(ctx::fail);
    }

    private Future<JsonObject> find(String id) {
        return store.get(AssetType.ALIASES, id).map(a -> {
            if (a == null) throw AliasesErrors.notFound(id);
            return a;
        });
    }

    /** Names are unique per stage: the same name may exist once for each stage (and once without one). */
    private Future<Void> checkUniqueName(JsonObject alias, String selfId) {
        String name = alias.getString("name");
        String stage = alias.getValue("stage") instanceof String s ? s.trim() : "";
        return store.list(AssetType.ALIASES).map(all -> {
            for (JsonObject a : all) {
                String otherStage = a.getValue("stage") instanceof String s ? s.trim() : "";
                if (name.equals(a.getString("name")) && stage.equals(otherStage) && !selfId.equals(a.getString("id"))) {
                    throw AliasesErrors.exists("name " + name);
                }
            }
            return null;
        });
    }

    /** The product's messages for aliases. */
    private static final class AliasesErrors {
        static GatewayException notFound(String id) {
            return GatewayException.admin(404, "ALIAS_NOT_FOUND", "Alias with id: " + id + " does not exist.");
        }

        static GatewayException notFoundOnPut(String id) {
            return GatewayException.admin(404, "ALIAS_NOT_FOUND", "Unable to process the PUT request for alias. Error "
                + "occurred while processing the payload. Error Message:\n Alias with id: " + id + " does not exist.");
        }

        static GatewayException exists(String what) {
            return GatewayException.admin(400, "ALIAS_EXISTS", "Alias with " + what + " already exists.");
        }

        static GatewayException invalid(String detail) {
            return GatewayException.admin(400, "INVALID_ALIAS", "Unable to process the request for alias. " + detail);
        }
    }
}
