package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Create, list, read, replace and delete of one asset type under {@code /rest/apigateway/<path>}, in the product's
 * wrappers for that type ({@link Shape}), with the type's own checks and views ({@link Kind}). Built-in documents
 * (system groups, access profiles, ...) are listed with the stored ones; a stored document of the same id overrides
 * its built-in (so a system group's members can change), and built-ins cannot be deleted.
 */
final class AssetCrud {
    /** How the product wraps this type: list key, one-document key and create status. */
    record Shape(String listKey, String oneKey, boolean oneAsList, String writeKey, int createStatus) {
        JsonObject one(JsonObject doc) {
            if (oneKey == null) return doc;
            return new JsonObject().put(oneKey, oneAsList ? new JsonArray().add(doc) : doc);
        }

        JsonObject written(JsonObject doc) {
            return writeKey == null ? doc : new JsonObject().put(writeKey, doc);
        }
    }

    /** What is particular to one asset type. */
    interface Kind {
        /** Checks and normalises a POST or PUT body ({@code existing} null on POST); a 400 when it cannot be stored. */
        JsonObject validate(JsonObject body, JsonObject existing);

        /** Async completion before the write (hashing a password, generating credentials). */
        default Future<JsonObject> prepare(JsonObject doc, JsonObject existing) {
            return Future.succeededFuture(doc);
        }

        /** The document as clients see it (secrets masked). */
        default JsonObject view(JsonObject stored) {
            return stored;
        }

        /** Refuses a delete (in use, system defined) with a failed future. */
        default Future<Void> checkDelete(JsonObject stored) {
            return Future.succeededFuture();
        }

        default List<JsonObject> builtIns() {
            return List.of();
        }

        GatewayException notFound(String id);
    }

    private final AssetStore store;
    private final AssetValidation validation;
    private final AssetType type;
    private final Shape shape;
    private final Kind kind;

    /** @param validation the shape check of the stored document, after the kind's own checks and preparation */
    AssetCrud(AssetStore store, AssetValidation validation, AssetType type, Shape shape, Kind kind) {
        this.store = store;
        this.validation = validation;
        this.type = type;
        this.shape = shape;
        this.kind = kind;
    }

    void mount(Router router, String path) {
        String base = AdminApi.BASE + path;
        router.get(base).handler(this::list);
        router.post(base).handler(this::create);
        router.get(base + "/:id").handler(ctx -> find(ctx.pathParam("id"))
            .onSuccess(doc -> Bodies.ok(ctx, 200, shape.one(kind.view(doc)))).onFailure(ctx::fail));
        router.put(base + "/:id").handler(this::update);
        router.delete(base + "/:id").handler(this::delete);
    }

    /** Every document, built-ins first unless stored under the same id. */
    Future<List<JsonObject>> all() {
        return store.list(type).map(stored -> {
            Map<String, JsonObject> byId = new LinkedHashMap<>();
            for (JsonObject b : kind.builtIns()) byId.put(b.getString("id"), b);
            for (JsonObject d : stored) byId.put(d.getString("id"), d);
            return new ArrayList<>(byId.values());
        });
    }

    Future<JsonObject> find(String id) {
        return store.get(type, id).map(doc -> {
            if (doc != null) return doc;
            return kind.builtIns().stream().filter(b -> id.equals(b.getString("id"))).findFirst()
                .orElseThrow(() -> kind.notFound(id));
        });
    }

    private void list(RoutingContext ctx) {
        all().onSuccess(docs -> {
            JsonArray out = new JsonArray();
            docs.forEach(d -> out.add(kind.view(d)));
            Bodies.ok(ctx, 200, new JsonObject().put(shape.listKey(), out));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject doc = kind.validate(unwrapped(ctx), null);
        String id = ClientIds.take(doc);
        doc.put("id", id);
        find(id).map(existing -> (JsonObject) existing).recover(err -> err instanceof GatewayException ge
                && ge.status() == 404 ? Future.succeededFuture(null) : Future.failedFuture(err))
            .compose(existing -> {
                if (existing != null) throw GatewayException.admin(400, "ALREADY_EXISTS", "An asset with id " + id + " already exists.");
                return kind.prepare(doc, null);
            })
            .map(ready -> validation.check(type, ready))
            .compose(ready -> store.put(type, id, ready).map(ready))
            .onSuccess(saved -> Bodies.ok(ctx, shape.createStatus(), shape.written(kind.view(saved)))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject body = unwrapped(ctx);
        find(id).compose(existing -> {
            JsonObject doc = kind.validate(body, existing);
            doc.put("id", id);
            return kind.prepare(doc, existing);
        }).map(ready -> validation.check(type, ready)).compose(ready -> store.put(type, id, ready).map(ready))
            .onSuccess(saved -> Bodies.ok(ctx, 200, shape.written(kind.view(saved)))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (kind.builtIns().stream().anyMatch(b -> id.equals(b.getString("id")))) {
            throw GatewayException.admin(400, "SYSTEM_DEFINED", "The system defined asset " + id + " cannot be deleted.");
        }
        find(id).compose(kind::checkDelete).compose(v -> store.delete(type, id))
            .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    /** The body, unwrapped from the one-document key when a client sent it wrapped. */
    private JsonObject unwrapped(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        String key = shape.writeKey() != null ? shape.writeKey() : shape.oneKey();
        if (key == null) return body;
        Object inner = body.getValue(key);
        if (inner instanceof JsonArray arr && arr.size() == 1 && arr.getValue(0) instanceof JsonObject o) return o;
        return Bodies.unwrap(body, key);
    }
}
