package dev.apigw.emulator;

import dev.apigw.emulator.admin.AdminApi;
import dev.apigw.emulator.admin.ExtendedSettingsResource;
import dev.apigw.emulator.admin.PlanResource;
import dev.apigw.emulator.admin.SubscriptionUsageResource;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.policy.SubscriptionQuotaPolicy;
import dev.apigw.emulator.quota.SubscriptionDirectory;
import dev.apigw.emulator.quota.SubscriptionQuotas;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.ExtendedSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * Throttling and subscription quotas: the shared rate-limit service (on the shared Redis client when there is
 * one), the subscription directory and quota counters, and the extended settings they read.
 */
record Traffic(RateLimitService rateLimits, SubscriptionDirectory subscriptions, SubscriptionQuotas quotas,
                       ExtendedSettings extended) {
    static Traffic create(Vertx vertx, GatewayConfig config, AssetStore store, Redis redis) {
        ExtendedSettings extended = new ExtendedSettings(store);
        return new Traffic(new RateLimitService(vertx, redis, config.rateLimit(), new RateLimitMetrics()),
            new SubscriptionDirectory(vertx, store), new SubscriptionQuotas(vertx, store, extended), extended);
    }

    List<Policy> lmtPolicies() {
        return List.of(new SubscriptionQuotaPolicy(subscriptions, rateLimits));
    }

    /** Yellow while throttles decide without Redis (onStoreError); HealthResource folds it into the engine status. */
    void registerHealth(HealthChecks checks, GatewayConfig config) {
        checks.register("rateLimit", p -> p.complete(Status.OK(new io.vertx.core.json.JsonObject()
            .put("status", rateLimits.degraded() ? "yellow" : "green").put("degraded", rateLimits.degraded())
            .put("onStoreError", config.rateLimit().onStoreError().name()).put("pendingHits", rateLimits.pendingHits()))));
    }

    void mount(AdminApi admin, AssetStore store) {
        admin.addResource(new PlanResource(store)::mount);
        admin.addResource(new SubscriptionUsageResource(new SubscriptionUsage(quotas))::mount);
        admin.addResource(new ExtendedSettingsResource(extended)::mount);
    }

    Future<Void> start() {
        return subscriptions.start().compose(v -> extended.reload());
    }

    List<ExchangeObserver> observers() {
        return List.of(quotas);
    }

    /** What quiesce and shutdown flush (kind subscription_quota). */
    List<Flushable> flushables() {
        return List.of(quotas);
    }
}
