package dev.apigw.emulator.metrics;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code gatewayDestinationConfig} configuration: its {@code metricsPublishInterval} (seconds, 1-60) drives the
 * performance-metrics publisher; the other keys are stored and returned (as strings, the product's form), including
 * keys the swagger does not list. Applied from the store at start and on every update. A nested value, a flag that is
 * not a boolean, or a bad interval is a 400.
 */
public final class DestinationSettings implements Lifecycle {
    public static final String ID = "gatewayDestinationConfig";
    private static final Set<String> KEYS = Set.of("metricsPublishInterval", "sendAuditlogAPIManagementEvent",
        "sendAuditlogAccessProfileManagementEvent", "sendAuditlogAliasManagementEvent", "sendAuditlogApplicationManagementEvent",
        "sendAuditlogApprovalManagementEvent", "sendAuditlogGroupManagementEvent", "sendAuditlogPackageManagementEvent",
        "sendAuditlogPlanManagementEvent", "sendAuditlogPolicyManagementEvent", "sendAuditlogPromotionManagementEvent",
        "sendAuditlogRuntimeDataManagementEvent", "sendAuditlogUserManagementEvent", "sendAuditlogAdministrationEvent",
        "sendErrorEvent", "sendLifecycleEvent", "sendPerformanceMetrics", "sendPolicyViolationEvent");

    private final AssetStore assets;
    private final PerformanceMetrics performance;

    public DestinationSettings(AssetStore assets, PerformanceMetrics performance) {
        this.assets = assets;
        this.performance = performance;
    }

    /** Applies a stored interval; a store that cannot be read leaves the configured default. */
    @Override
    public Future<Void> start() {
        return assets.get(AssetType.SETTINGS, ID).<Void>map(doc -> {
            if (doc != null) performance.interval(seconds(doc.getValue("metricsPublishInterval")) * 1000L);
            return null;
        }).otherwiseEmpty();
    }

    public Future<JsonObject> get() {
        return assets.get(AssetType.SETTINGS, ID).map(this::withDefaults);
    }

    /** Merges {@code changes} into what is stored; the interval takes effect at once. */
    public Future<JsonObject> update(JsonObject changes) {
        for (String key : changes.fieldNames()) {
            Object v = changes.getValue(key);
            // keys the swagger does not list (sendAuditlogRuleManagementEvent, ...) are stored and echoed, as
            // pipelines send them; every value is a single one, and the documented flags are booleans
            if (v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray
                || KEYS.contains(key) && key.startsWith("send") && Lenient.bool(v) == null) {
                throw GatewayException.admin(400, "INVALID_PAYLOAD", "Invalid property key found in request payload.");
            }
            if (v != null && !(v instanceof String)) changes.put(key, v.toString());
        }
        int interval = changes.containsKey("metricsPublishInterval") ? seconds(changes.getValue("metricsPublishInterval")) : -1;
        return assets.get(AssetType.SETTINGS, ID).compose(old -> {
            JsonObject merged = withDefaults(old).mergeIn(changes);
            merged.put("metricsPublishInterval", String.valueOf(merged.getValue("metricsPublishInterval")));
            return assets.put(AssetType.SETTINGS, ID, merged).map(merged);
        }).onSuccess(doc -> {
            if (interval > 0) performance.interval(interval * 1000L);
        });
    }

    private JsonObject withDefaults(JsonObject stored) {
        JsonObject out = new JsonObject().put("metricsPublishInterval", String.valueOf(performance.intervalMs() / 1000))
            .put("sendPerformanceMetrics", "true").put("sendErrorEvent", "true").put("sendLifecycleEvent", "true")
            .put("sendPolicyViolationEvent", "true");
        return stored == null ? out : out.mergeIn(stored);
    }

    private static int seconds(Object value) {
        try {
            int n = value instanceof Number num ? num.intValue() : Integer.parseInt(String.valueOf(value).trim());
            if (n >= 1 && n <= 60) return n;
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw GatewayException.admin(400, "INVALID_PAYLOAD", "metricsPublishInterval must be a number from 1 through 60, was '" + value + "'");
    }
}
