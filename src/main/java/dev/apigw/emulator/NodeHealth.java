package dev.apigw.emulator;

import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.SkippedAssets;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/**
 * The checks behind the health endpoints: the data store (with what the node can still do, {@link StoreCapabilities}),
 * whether throttles decide without Redis, and stored documents the node had to leave out of its views.
 */
final class NodeHealth {
    private NodeHealth() {
    }

    static HealthChecks checks(Vertx vertx, AssetStore store, RateLimitService rateLimits, SkippedAssets skipped,
                               GatewayConfig config) {
        HealthChecks checks = HealthChecks.create(vertx);
        // longer than a Redis command may take, so a store that does not answer is reported, not timed out
        long storeTimeout = Math.max(2_000, config.redis().commandTimeoutMs() + 1_000);
        checks.register("store", storeTimeout, p -> store.health().onComplete(ar -> {
            JsonObject data = ar.succeeded() ? ar.result()
                : new JsonObject().put("status", "red").put("error", ar.cause().getMessage());
            data.put("capabilities", StoreCapabilities.of(data, config.usesRedis(), rateLimit(rateLimits, config)));
            p.complete("red".equals(data.getString("status")) ? Status.KO(data) : Status.OK(data));
        }));
        // yellow while throttles decide without Redis (onStoreError); the engine health folds it into its status
        checks.register("rateLimit", p -> p.complete(Status.OK(rateLimit(rateLimits, config))));
        // yellow while a stored document is left out of a view (route table, application index, subscriptions)
        checks.register("assets", p -> p.complete(Status.OK(skipped.health())));
        return checks;
    }

    private static JsonObject rateLimit(RateLimitService rateLimits, GatewayConfig config) {
        return new JsonObject().put("status", rateLimits.degraded() ? "yellow" : "green")
            .put("degraded", rateLimits.degraded()).put("onStoreError", config.rateLimit().onStoreError().name())
            .put("pendingHits", rateLimits.pendingHits());
    }
}
