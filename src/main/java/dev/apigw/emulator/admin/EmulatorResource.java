package dev.apigw.emulator.admin;

import dev.apigw.emulator.harness.Faults;
import dev.apigw.emulator.harness.Reset;
import dev.apigw.emulator.harness.SeedLoader;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The emulator's test aids, outside the product's namespaces and behind the administrator's credentials:
 * {@code POST /emulator/reset?scope=...}, {@code GET|DELETE /emulator/faults},
 * {@code PUT|DELETE /emulator/faults/apis/{apiId}}, {@code PUT /emulator/faults/store} and {@code GET /emulator/seed}.
 */
final class EmulatorResource {
    private static final String BASE = AdminApi.EMULATOR;

    private final Reset reset;
    private final Faults faults;
    private final SeedLoader seed;
    private final AssetStore store;

    EmulatorResource(Reset reset, Faults faults, SeedLoader seed, AssetStore store) {
        this.reset = reset;
        this.faults = faults;
        this.seed = seed;
        this.store = store;
    }

    void mount(Router router) {
        router.post(BASE + "/reset").handler(this::reset);
        router.get(BASE + "/faults").handler(ctx -> Bodies.ok(ctx, 200, faults.json()));
        router.delete(BASE + "/faults").handler(ctx -> {
            faults.clear();
            ctx.response().setStatusCode(204).end();
        });
        router.put(BASE + "/faults/store").handler(ctx -> Bodies.ok(ctx, 200, faults.setStore(Bodies.json(ctx))));
        router.put(BASE + "/faults/apis/:apiId").handler(this::setApiFault);
        router.delete(BASE + "/faults/apis/:apiId").handler(ctx -> {
            if (!faults.removeApi(ctx.pathParam("apiId"))) throw noFault(ctx.pathParam("apiId"));
            ctx.response().setStatusCode(204).end();
        });
        router.get(BASE + "/seed").handler(ctx -> Bodies.ok(ctx, 200, seed.lastReport()));
    }

    private void reset(RoutingContext ctx) {
        List<Reset.Scope> scopes;
        try {
            scopes = Reset.parse(ctx.queryParams().get("scope"));
        } catch (IllegalArgumentException e) {
            throw GatewayException.admin(400, "BAD_PARAMETER", e.getMessage());
        }
        reset.run(scopes).onSuccess(report -> Bodies.ok(ctx, 200, report)).onFailure(ctx::fail);
    }

    private void setApiFault(RoutingContext ctx) {
        String apiId = ctx.pathParam("apiId");
        var body = Bodies.json(ctx);
        store.get(AssetType.APIS, apiId).onSuccess(api -> {
            if (api == null) {
                ctx.fail(GatewayException.admin(404, "NOT_FOUND", "No API with id " + apiId));
                return;
            }
            try {
                Bodies.ok(ctx, 200, faults.setApi(api, body).json());
            } catch (GatewayException e) {
                ctx.fail(e);
            }
        }).onFailure(ctx::fail);
    }

    private static GatewayException noFault(String apiId) {
        return GatewayException.admin(404, "NOT_FOUND", "No fault is set for API " + apiId);
    }
}
