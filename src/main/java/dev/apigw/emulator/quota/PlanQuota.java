package dev.apigw.emulator.quota;

import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The quota of a plan: {@code quotaAllowed} requests per {@code interval intervalUnit}. Read, as in the product,
 * from the throttle (or monitorSLA) action enforced by the plan's {@code quota.enforcementPolicy}; or, as an emulator
 * shortcut, inline in the plan as {@code quota: {"value": 4, "interval": "3", "intervalUnit": "minutes"}}.
 */
public record PlanQuota(String planId, String planName, long quotaAllowed, String interval, String intervalUnit,
                        long intervalMillis) {
    /** The interval units a quota may use. */
    public static final List<String> UNITS = List.of("seconds", "minutes", "hours", "days", "weeks", "months");

    /** Finds the plan's quota; a succeeded null when the plan has none, a failed future when it cannot be read. */
    public static Future<PlanQuota> of(AssetStore store, JsonObject plan) {
        try {
            return read(store, plan);
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException(e instanceof ClassCastException
                ? "a quota field has the wrong JSON type" : e.getMessage(), e));
        }
    }

    private static Future<PlanQuota> read(AssetStore store, JsonObject plan) {
        JsonObject quota = plan.getJsonObject("quota", new JsonObject());
        if (quota.getValue("value") != null) {
            return Future.succeededFuture(build(plan, quota.getValue("value").toString(),
                quota.getValue("interval", "1").toString(), quota.getString("intervalUnit", "minutes")));
        }
        String policyId = quota.getString("enforcementPolicy");
        if (policyId == null) return Future.succeededFuture(null);
        return store.get(AssetType.POLICIES, policyId).compose(policy -> {
            List<String> ids = policy == null ? List.of() : Policies.allActionIds(policy);
            if (ids.isEmpty()) return Future.succeededFuture(null);
            return store.get(AssetType.POLICY_ACTIONS, ids.get(0)).compose(action -> {
                try {
                    return Future.succeededFuture(fromAction(plan, action));
                } catch (RuntimeException e) {
                    return Future.failedFuture(new IllegalArgumentException("quota policy action: " + e.getMessage(), e));
                }
            });
        });
    }

    private static PlanQuota fromAction(JsonObject plan, JsonObject action) {
        if (action == null) return null;
        JsonArray params = action.getJsonArray("parameters", new JsonArray());
        JsonObject rule = PolicyActions.parameter(params, "throttleRule");
        if (rule == null) rule = PolicyActions.parameter(params, "monitorRules");
        JsonArray ruleParams = rule == null ? params : rule.getJsonArray("parameters", new JsonArray());
        String value = PolicyActions.value(ruleParams, "value", null);
        return value == null ? null : build(plan, value, PolicyActions.value(params, "alertInterval", "1"),
            PolicyActions.value(params, "alertIntervalUnit", "minutes"));
    }

    private static PlanQuota build(JsonObject plan, String value, String interval, String unit) {
        long allowed = whole(value, "quota value");
        long n = whole(interval, "quota interval");
        if (n < 1) throw new IllegalArgumentException("quota interval must be at least 1, was " + interval);
        return new PlanQuota(plan.getString("id"), plan.getString("name"), allowed, interval.trim(),
            unit.toLowerCase(Locale.ROOT), n * unitMillis(unit));
    }

    /** A whole number >= 0, also when written as {@code 4.0} (vendor exports carry numbers as text). */
    static long whole(String text, String what) {
        try {
            double d = Double.parseDouble(text.trim());
            if (d >= 0 && d == Math.rint(d) && d <= Long.MAX_VALUE / 2) return (long) d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a whole number >= 0, was '" + text + "'");
    }

    static long unitMillis(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "seconds", "second" -> TimeUnit.SECONDS.toMillis(1);
            case "minutes", "minute" -> TimeUnit.MINUTES.toMillis(1);
            case "hours", "hour" -> TimeUnit.HOURS.toMillis(1);
            case "days", "day" -> TimeUnit.DAYS.toMillis(1);
            case "weeks", "week" -> TimeUnit.DAYS.toMillis(7);
            case "months", "month" -> TimeUnit.DAYS.toMillis(30);
            default -> throw new IllegalArgumentException("intervalUnit must be one of " + UNITS + ", was '" + unit + "'");
        };
    }

    /** The product's text, e.g. {@code "4 / 3 Minutes"}. */
    public String text() {
        return quotaAllowed + " / " + interval + " " + Character.toUpperCase(intervalUnit.charAt(0)) + intervalUnit.substring(1);
    }
}
