package dev.apigw.emulator.policy;

import dev.apigw.emulator.config.RateLimitConfig;
import dev.apigw.emulator.config.RateLimitConfig.OnStoreError;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.ratelimit.Algorithm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The parameters of one {@code throttle} policy action (reference §4): rule {@code requestCount GT value} per
 * {@code alertInterval alertIntervalUnit}, {@code consumerIds} ({@code AnyConsumers} or application ids) and
 * destinations ({@code GATEWAY}, {@code localLog} with {@code logLevel}). Emulator extensions, all optional:
 * {@code algorithm} (fixedWindow | tokenBucket), {@code onStoreError} (FAIL_OPEN | FAIL_CLOSED | LOCAL) and
 * {@code rejectStatus} (429 | 503), each overriding the gateway setting for this action.
 */
record ThrottleRule(String actionId, long limit, long windowMillis, String intervalText, boolean anyConsumer,
                    Set<String> consumerIds, boolean localLog, String logLevel, boolean gatewayEvents,
                    Algorithm algorithm, OnStoreError onStoreError, int rejectStatus) {
    static final String ANY_CONSUMERS = "AnyConsumers";

    /** @throws IllegalArgumentException when the action cannot be enforced as written */
    static ThrottleRule parse(JsonObject action, RateLimitConfig defaults) {
        JsonArray params = action.getJsonArray("parameters", new JsonArray());
        JsonObject rule = PolicyActions.parameter(params, "throttleRule");
        JsonArray ruleParams = rule == null ? params : rule.getJsonArray("parameters", new JsonArray());
        String name = PolicyActions.value(ruleParams, "throttleRuleName", "requestCount");
        String op = PolicyActions.value(ruleParams, "monitorRuleOperator", "GT");
        if (!name.equals("requestCount")) throw new IllegalArgumentException("throttle rule " + name + " is not supported");
        if (!op.equalsIgnoreCase("GT")) throw new IllegalArgumentException("operator " + op + " is not supported, only GT");
        long limit = number(PolicyActions.value(ruleParams, "value", null), "value");
        long interval = number(PolicyActions.value(params, "alertInterval", "1"), "alertInterval");
        if (interval < 1) throw new IllegalArgumentException("alertInterval must be at least 1, was " + interval);
        String unit = PolicyActions.value(params, "alertIntervalUnit", "minutes");
        List<String> consumers = PolicyActions.values(params, "consumerIds");
        boolean any = consumers.isEmpty() || consumers.contains(ANY_CONSUMERS);
        Set<String> types = new HashSet<>();
        String logLevel = "INFO";
        for (JsonObject d : PolicyActions.parameters(params, "destination")) {
            JsonArray dp = d.getJsonArray("parameters", new JsonArray());
            types.add(PolicyActions.value(dp, "destinationType", "").toLowerCase(Locale.ROOT));
            if (PolicyActions.parameter(dp, "logLevel") != null) logLevel = PolicyActions.value(dp, "logLevel", "INFO");
        }
        return new ThrottleRule(action.getValue("id") instanceof String id ? id : "throttle", limit, unitMillis(unit) * interval,
            interval + " " + unit, any, Set.copyOf(consumers), types.contains("locallog"), logLevel,
            types.isEmpty() || types.contains("gateway"), algorithm(params), mode(params, defaults),
            status(params, defaults));
    }

    static long unitMillis(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "seconds", "second" -> TimeUnit.SECONDS.toMillis(1);
            case "minutes", "minute" -> TimeUnit.MINUTES.toMillis(1);
            case "hours", "hour" -> TimeUnit.HOURS.toMillis(1);
            case "days", "day" -> TimeUnit.DAYS.toMillis(1);
            case "weeks", "week" -> TimeUnit.DAYS.toMillis(7);
            default -> throw new IllegalArgumentException("alertIntervalUnit " + unit
                + " is not one of seconds, minutes, hours, days, weeks");
        };
    }

    private static long number(String text, String param) {
        try {
            long n = Long.parseLong(text == null ? "" : text.trim().replaceAll("\\.0+$", ""));
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(param + " must be a whole number >= 0, was '" + text + "'");
    }

    private static Algorithm algorithm(JsonArray params) {
        String text = PolicyActions.value(params, "algorithm", "fixedWindow");
        Algorithm a = Algorithm.parse(text);
        if (a == null) throw new IllegalArgumentException("algorithm must be fixedWindow or tokenBucket, was " + text);
        return a;
    }

    private static OnStoreError mode(JsonArray params, RateLimitConfig defaults) {
        String text = PolicyActions.value(params, "onStoreError", null);
        if (text == null) return defaults.onStoreError();
        try {
            return OnStoreError.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("onStoreError must be FAIL_OPEN, FAIL_CLOSED or LOCAL, was " + text);
        }
    }

    private static int status(JsonArray params, RateLimitConfig defaults) {
        String text = PolicyActions.value(params, "rejectStatus", null);
        if (text == null) return defaults.rejectStatus();
        if (text.trim().equals("429") || text.trim().equals("503")) return Integer.parseInt(text.trim());
        throw new IllegalArgumentException("rejectStatus must be 429 or 503, was " + text);
    }
}
