package dev.apigw.emulator.policy;

import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.json.JsonObject;

/** Enforces {@code throttle} policy actions; counters live in the shared {@link RateLimitService}, not the policy. */
public final class ThrottlePolicyFactory implements PolicyFactory {
    public static final String TEMPLATE_KEY = "throttle";
    private final RateLimitService limits;

    public ThrottlePolicyFactory(RateLimitService limits) {
        this.limits = limits;
    }

    @Override
    public String templateKey() {
        return TEMPLATE_KEY;
    }

    @Override
    public Policy create(JsonObject action, JsonObject api) {
        ThrottleRule rule = ThrottleRule.parse(action, limits.config());
        return new ThrottlePolicy(rule, api == null ? "global" : api.getString("id", "unknown"), limits);
    }
}
