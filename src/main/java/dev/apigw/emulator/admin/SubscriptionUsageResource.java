package dev.apigw.emulator.admin;

import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /subscriptions/usage} (a bare JSON array, as in S-MON) and {@code GET /subscriptions/{applicationId}/usage}
 * (one usage object; 404 when the application is unknown or not subscribed to a plan with a quota).
 */
final class SubscriptionUsageResource {
    private final SubscriptionUsage usage;

    SubscriptionUsageResource(SubscriptionUsage usage) {
        this.usage = usage;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/subscriptions/usage").handler(this::all);
        router.get(base + "/subscriptions/:applicationId/usage").handler(this::one);
    }

    private void all(RoutingContext ctx) {
        usage.all().onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
            .onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("applicationId");
        usage.of(id).onSuccess(u -> {
            if (u == null) ctx.fail(GatewayException.admin(404, "NOT_FOUND",
                "The application " + id + " is not found or no usage is available for it"));
            else Bodies.ok(ctx, 200, u);
        }).onFailure(ctx::fail);
    }
}
