package dev.apigw.emulator.admin;

import dev.apigw.emulator.promotion.PromotionDocs;
import dev.apigw.emulator.promotion.PromotionRequest;
import dev.apigw.emulator.promotion.PromotionService;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Promotion in the product's shapes: {@code /stages} (CRUD; {@code {"stage":{...}}}, list {@code {"stages":[...]}},
 * POST 200, the password always answered masked), {@code POST /promotion} (200 {@code {"promotion":{...}}} whether
 * the stages took the assets or not: a stage's failure is in the promotion's status and reasons; 404 for an unknown
 * stage, 400 for a bad body), {@code GET/DELETE /promotion[/{id}]} (list {@code {"promotion":[...]}}) and
 * {@code /rollback[/{id}]} (GET, PUT = roll back, DELETE; {@code {"rollback":...}}; a rollback's id is its promotion's).
 */
final class PromotionResources {
    private final AssetCrud stages;
    private final PromotionService promotions;
    private final String owner;

    PromotionResources(AssetStore store, AssetValidation validation, PromotionService promotions, String owner) {
        this.stages = new AssetCrud(store, validation, AssetType.STAGES, new AssetCrud.Shape("stages", "stage", false, "stage", 200),
            new StageKind(store));
        this.promotions = promotions;
        this.owner = owner;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        stages.mount(router, "/stages");
        router.post(base + "/promotion").handler(this::promote);
        router.get(base + "/promotion").handler(ctx -> list(ctx, promotions.list(), "promotion", PromotionDocs::view));
        router.get(base + "/promotion/:id").handler(ctx -> one(ctx, promotions.find(ctx.pathParam("id")), "promotion", PromotionDocs::view));
        router.delete(base + "/promotion/:id").handler(ctx -> gone(ctx, promotions.delete(ctx.pathParam("id"))));
        router.get(base + "/rollback").handler(ctx -> list(ctx, promotions.rollbacks(), "rollback", PromotionDocs::rollbackView));
        router.get(base + "/rollback/:id").handler(ctx -> one(ctx, promotions.findRollback(ctx.pathParam("id")), "rollback",
            PromotionDocs::rollbackView));
        router.put(base + "/rollback/:id").handler(ctx -> one(ctx, promotions.rollback(ctx.pathParam("id")), "rollback",
            PromotionDocs::rollbackView));
        router.delete(base + "/rollback/:id").handler(ctx -> gone(ctx, promotions.deleteRollback(ctx.pathParam("id"))));
    }

    private void promote(RoutingContext ctx) {
        PromotionRequest request = PromotionRequest.parse(Bodies.json(ctx), ctx.queryParams().get("overwrite"),
            ctx.queryParams().get("overwriteAssets"), promotions.config().defaultOverwrite());
        one(ctx, promotions.promote(request, owner), "promotion", PromotionDocs::view);
    }

    private static void list(RoutingContext ctx, Future<List<JsonObject>> docs, String key, Function<JsonObject, JsonObject> view) {
        docs.onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.forEach(d -> out.add(view.apply(d)));
            Bodies.ok(ctx, 200, new JsonObject().put(key, out));
        }).onFailure(ctx::fail);
    }

    private static void one(RoutingContext ctx, Future<JsonObject> doc, String key, Function<JsonObject, JsonObject> view) {
        doc.onSuccess(d -> Bodies.ok(ctx, 200, new JsonObject().put(key, view.apply(d)))).onFailure(ctx::fail);
    }

    private static void gone(RoutingContext ctx, Future<Void> done) {
        done.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    /** A stage: a unique name, another gateway's http(s) URL, a user of it and its password (kept, never shown). */
    private record StageKind(AssetStore store) implements AssetCrud.Kind {
        @Override
        public JsonObject validate(JsonObject body, JsonObject existing) {
            JsonObject doc = body.copy();
            for (String k : List.of("name", "url", "username")) PrincipalResources.requiredText(doc, k);
            for (String k : List.of("description", "password", "keystoreAlias", "keyAlias")) {
                if (doc.getValue(k) != null && !(doc.getValue(k) instanceof String)) throw GatewayException.invalidPayload("'" + k + "' must be a string");
            }
            checkUrl(doc.getString("url"));
            Object pw = doc.getValue("password");
            boolean given = pw instanceof String p && !p.isEmpty() && !p.equals(PrincipalResources.MASK);
            if (!given && existing == null) throw GatewayException.invalidPayload("the mandatory field password is missing");
            if (!given) doc.put("password", existing.getValue("password"));
            return doc;
        }

        private static void checkUrl(String url) {
            try {
                URI uri = URI.create(url.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return;
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw GatewayException.invalidPayload("url must be the http(s) URL of the stage's API Gateway, e.g. http://host:5555");
        }

        /** Stage names are unique. */
        @Override
        public Future<JsonObject> prepare(JsonObject doc, JsonObject existing) {
            return store.list(AssetType.STAGES).map(all -> {
                boolean taken = all.stream().anyMatch(s -> doc.getString("name").equals(s.getValue("name"))
                    && !doc.getString("id").equals(s.getString("id")));
                if (taken) throw GatewayException.invalidPayload("a stage named " + doc.getString("name") + " already exists");
                return doc;
            });
        }

        @Override
        public JsonObject view(JsonObject stored) {
            return stored.copy().put("password", PrincipalResources.MASK);
        }

        @Override
        public GatewayException notFound(String id) {
            return GatewayException.admin(404, "NOT_FOUND", "Stage with id: " + id + " does not exist.");
        }
    }
}
