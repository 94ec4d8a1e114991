package dev.apigw.emulator;

import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.events.EventWriter;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/** The checks behind the health endpoints: the data store, whether throttles decide without Redis, the event writer. */
final class NodeHealth {
    private NodeHealth() {
    }

    static HealthChecks checks(Vertx vertx, AssetStore store, RateLimitService rateLimits, EventWriter events,
                               GatewayConfig config) {
        HealthChecks checks = HealthChecks.create(vertx);
        checks.register("store", 2_000, p -> store.health().onComplete(ar -> {
            if (ar.succeeded() && !"red".equals(ar.result().getString("status"))) p.complete(Status.OK(ar.result()));
            else p.complete(Status.KO(ar.succeeded() ? ar.result() : new JsonObject().put("error", ar.cause().getMessage())));
        }));
        // yellow while throttles decide without Redis (onStoreError); the engine health folds it into its status
        checks.register("rateLimit", p -> p.complete(Status.OK(new JsonObject()
            .put("status", rateLimits.degraded() ? "yellow" : "green").put("degraded", rateLimits.degraded())
            .put("onStoreError", config.rateLimit().onStoreError().name()).put("pendingHits", rateLimits.pendingHits()))));
        checks.register("events", p -> p.complete(Status.OK(events.health())));
        return checks;
    }
}
