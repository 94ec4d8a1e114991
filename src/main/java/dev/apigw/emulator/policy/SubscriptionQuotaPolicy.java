package dev.apigw.emulator.policy;

import dev.apigw.emulator.quota.PlanQuota;
import dev.apigw.emulator.quota.SubscriptionDirectory;
import dev.apigw.emulator.ratelimit.Algorithm;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.Policy;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Blocks an application that used up its plan's quota (the product's "block on breach" quota, a throttle in the
 * plan's quota policy): one fixed-window counter per application and plan in the shared {@link RateLimitService},
 * so it is exact across nodes. Runs in stage LMT of every API for identified, subscribed applications only.
 */
public final class SubscriptionQuotaPolicy implements Policy {
    private static final Future<Void> PASS = Future.succeededFuture();
    private final SubscriptionDirectory directory;
    private final RateLimitService limits;

    public SubscriptionQuotaPolicy(SubscriptionDirectory directory, RateLimitService limits) {
        this.directory = directory;
        this.limits = limits;
    }

    @Override
    public String id() {
        return "subscription-quota";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        String app = exchange.applicationId();
        PlanQuota quota = app == null ? null : directory.quotaOf(app);
        if (quota == null) return PASS;
        String key = "apigw:quota:{" + app + "|" + quota.planId() + "}";
        return limits.acquire(Algorithm.FIXED_WINDOW, key, quota.quotaAllowed(), quota.intervalMillis(),
            limits.config().onStoreError()).compose(outcome -> {
                if (outcome.decision().allowed()) return PASS;
                limits.metrics().increment(RateLimitMetrics.QUOTA_EXCEEDED, quota.planId());
                return Future.failedFuture(new GatewayException(limits.config().rejectStatus(), "QUOTA_EXCEEDED",
                    "Quota of the subscription exceeded: " + quota.text() + " for application " + exchange.applicationName(),
                    Map.of("Retry-After", Long.toString(outcome.decision().retryAfterSeconds()))));
            });
    }
}
