package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.model.Docs;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.settings.Configurations;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.SkippedAssets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** {@code /rest/apigateway/apis}: create, list, read, update, delete, activate and deactivate APIs. */
final class ApiResource {
    private final ApiAssets assets;
    private final ApiInputReader reader;
    private final Configurations configurations;
    private final SkippedAssets skipped;

    ApiResource(ApiAssets assets, ApiInputReader reader, Configurations configurations, SkippedAssets skipped) {
        this.assets = assets;
        this.reader = reader;
        this.configurations = configurations;
        this.skipped = skipped;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.post(base + "/apis").handler(this::create);
        router.get(base + "/apis").handler(this::list);
        router.delete(base + "/apis").handler(this::deleteMany);
        router.get(base + "/apis/:apiId").handler(this::get);
        router.put(base + "/apis/:apiId").handler(this::update);
        router.delete(base + "/apis/:apiId").handler(this::delete);
        router.put(base + "/apis/:apiId/activate").handler(ctx -> setActive(ctx, true));
        router.put(base + "/apis/:apiId/deactivate").handler(ctx -> setActive(ctx, false));
    }

    private void create(RoutingContext ctx) {
        reader.read(ctx, null).compose(assets::create)
            .compose(api -> respondOne(ctx, 200, api)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("apiId");
        assets.find(id).compose(existing -> reader.read(ctx, existing)).compose(in -> assets.update(id, in))
            .compose(api -> respondOne(ctx, 200, api)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String format = ctx.queryParams().get("format");
        assets.find(ctx.pathParam("apiId")).compose(api -> {
            if (format != null && (format.equalsIgnoreCase("openapi") || format.equalsIgnoreCase("swagger"))) {
                Bodies.ok(ctx, 200, api.getValue("apiDefinition") instanceof JsonObject d ? d : new JsonObject());
                return Future.succeededFuture();
            }
            return respondOne(ctx, 200, api);
        }).onFailure(ctx::fail);
    }

    /**
     * The one-API answer, with its versions and its gateway endpoints (the load balancer's URLs when set). An active API
     * the runtime cannot serve (a document stored by an older version, another node or by hand that does not compile)
     * carries the emulator's {@code runtimeError} with the reason.
     */
    Future<Void> respondOne(RoutingContext ctx, int status, JsonObject api) {
        String reason = api.getValue("id") instanceof String id ? skipped.reason(AssetType.APIS, id) : null;
        if (reason != null) api.put("runtimeError", reason);
        return Future.all(assets.all(), configurations.gatewayUrls()).map(all -> {
            JsonObject body = ApiResponses.one(api, ApiResponses.versions(Docs.text(api, "apiName", ""), all.resultAt(0)));
            body.getJsonObject("apiResponse").put("gatewayEndPoints", ApiResponses.endpoints(api, all.resultAt(1), ctx.request()));
            Bodies.ok(ctx, status, body);
            return null;
        });
    }

    private void list(RoutingContext ctx) {
        List<String> ids = Bodies.ids(ctx, "apiIds");
        int from = Math.max(0, Bodies.intParam(ctx, "from", 0));
        int size = Bodies.intParam(ctx, "size", -1);
        assets.all().onSuccess(all -> {
            JsonArray out = new JsonArray();
            if (ids.isEmpty()) {
                all.stream().sorted((a, b) -> Docs.text(a, "apiName", "").compareToIgnoreCase(Docs.text(b, "apiName", "")))
                    .skip(from).limit(size < 0 ? Long.MAX_VALUE : size).forEach(a -> out.add(ApiResponses.summary(a)));
            } else {
                for (String id : ids) {
                    out.add(all.stream().filter(a -> id.equals(a.getValue("id"))).findFirst()
                        .map(ApiResponses::summary).orElseGet(() -> ApiResponses.missing(id)));
                }
            }
            // clients test apiResponse[0].responseStatus == "NOT_FOUND" to detect "no APIs"
            if (out.isEmpty()) out.add(new JsonObject().put("responseStatus", "NOT_FOUND").put("errorReason", "No APIs found"));
            Bodies.ok(ctx, 200, new JsonObject().put("apiResponse", out));
        }).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        boolean force = "true".equalsIgnoreCase(ctx.queryParams().get("forceDelete"));
        assets.delete(ctx.pathParam("apiId"), force)
            .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void deleteMany(RoutingContext ctx) {
        List<String> ids = Bodies.ids(ctx, "apiIds");
        if (ids.isEmpty()) {
            ctx.fail(GatewayException.admin(400, "MANDATORY_FIELD_MISSING", "The mandatory query parameter apiIds is missing"));
            return;
        }
        List<JsonObject> results = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (String id : ids) {
            chain = chain.compose(v -> assets.delete(id).map(x -> ok(id)).otherwise(err -> failed(id, err))
                .map(r -> { results.add(r); return null; }));
        }
        chain.onSuccess(v -> {
            boolean allOk = results.stream().allMatch(r -> "SUCCESS".equals(r.getString("responseStatus")));
            if (allOk) ctx.response().setStatusCode(204).end();
            else Bodies.ok(ctx, 200, new JsonObject().put("apiResponse", new JsonArray(results)));
        }).onFailure(ctx::fail);
    }

    private static JsonObject ok(String id) {
        return new JsonObject().put("apiId", id).put("responseStatus", "SUCCESS");
    }

    private static JsonObject failed(String id, Throwable err) {
        boolean notFound = err instanceof GatewayException ge && ge.status() == 404;
        return new JsonObject().put("apiId", id).put("responseStatus", notFound ? "NOT_FOUND" : "ERROR")
            .put("errorReason", err.getMessage());
    }

    private void setActive(RoutingContext ctx, boolean active) {
        assets.setActive(ctx.pathParam("apiId"), active)
            .compose(api -> respondOne(ctx, 200, api)).onFailure(ctx::fail);
    }
}
