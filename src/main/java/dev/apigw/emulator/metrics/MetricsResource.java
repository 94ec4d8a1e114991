package dev.apigw.emulator.metrics;

import dev.apigw.emulator.admin.Bodies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /metrics} (Prometheus, no credentials), {@code GET /rest/apigateway/metrics/published?kind=...} (what
 * the publishers and flushes wrote) and {@code GET/PUT /rest/apigateway/configurations/gatewayDestinationConfig},
 * whose {@code metricsPublishInterval} (seconds, 1-60) drives the performance-metrics publisher.
 */
public final class MetricsResource {
    public static final String DESTINATION = "gatewayDestinationConfig";
    private static final Set<String> KINDS = Set.of(PerformanceMetrics.KIND, LicenseMetrics.KIND, "subscription_quota");
    private static final Set<String> DESTINATION_KEYS = Set.of("metricsPublishInterval", "sendAuditlogAPIManagementEvent",
        "sendAuditlogAccessProfileManagementEvent", "sendAuditlogAliasManagementEvent", "sendAuditlogApplicationManagementEvent",
        "sendAuditlogApprovalManagementEvent", "sendAuditlogGroupManagementEvent", "sendAuditlogPackageManagementEvent",
        "sendAuditlogPlanManagementEvent", "sendAuditlogPolicyManagementEvent", "sendAuditlogPromotionManagementEvent",
        "sendAuditlogRuntimeDataManagementEvent", "sendAuditlogUserManagementEvent", "sendAuditlogAdministrationEvent",
        "sendErrorEvent", "sendLifecycleEvent", "sendPerformanceMetrics", "sendPolicyViolationEvent");

    private final GatewayMeters meters;
    private final MetricsStore published;
    private final AssetStore assets;
    private final PerformanceMetrics performance;

    public MetricsResource(GatewayMeters meters, MetricsStore published, AssetStore assets, PerformanceMetrics performance) {
        this.meters = meters;
        this.published = published;
        this.assets = assets;
        this.performance = performance;
    }

    /** Applies a stored metricsPublishInterval at start. */
    public Future<Void> loadInterval() {
        return assets.get(AssetType.SETTINGS, DESTINATION).map(doc -> {
            if (doc != null) performance.interval(seconds(doc.getValue("metricsPublishInterval")) * 1000L);
            return null;
        });
    }

    public void mountPublic(Router router) {
        router.get("/metrics").handler(ctx -> ctx.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(meters.scrape()));
    }

    public void mount(Router router, String base) {
        router.get(base + "/metrics/published").handler(this::published);
        router.get(base + "/configurations/" + DESTINATION).handler(this::getDestination);
        router.put(base + "/configurations/" + DESTINATION).handler(this::putDestination);
    }

    private void published(RoutingContext ctx) {
        String kind = ctx.queryParams().get("kind");
        if (kind == null || !KINDS.contains(kind)) {
            throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter kind must be one of " + KINDS);
        }
        published.read(kind).onSuccess(records -> Bodies.ok(ctx, 200, summary(kind, records))).onFailure(ctx::fail);
    }

    private static JsonObject summary(String kind, List<JsonObject> records) {
        long count = 0;
        for (JsonObject r : records) count += r.getLong(LicenseMetrics.KIND.equals(kind) ? "transactions" : "count", 0L);
        return new JsonObject().put("kind", kind).put("records", records.size()).put("total", count)
            .put("published", new JsonArray(List.copyOf(records)));
    }

    private void getDestination(RoutingContext ctx) {
        assets.get(AssetType.SETTINGS, DESTINATION).onSuccess(doc -> Bodies.ok(ctx, 200, withDefaults(doc)))
            .onFailure(ctx::fail);
    }

    private void putDestination(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        for (String key : body.fieldNames()) {
            if (!DESTINATION_KEYS.contains(key)) throw GatewayException.admin(400, "INVALID_PAYLOAD", "Invalid property key found in request payload.");
        }
        int interval = body.containsKey("metricsPublishInterval") ? seconds(body.getValue("metricsPublishInterval")) : -1;
        assets.get(AssetType.SETTINGS, DESTINATION).compose(old -> {
            JsonObject merged = withDefaults(old).mergeIn(body);
            merged.put("metricsPublishInterval", String.valueOf(merged.getValue("metricsPublishInterval")));
            return assets.put(AssetType.SETTINGS, DESTINATION, merged).map(merged);
        }).onSuccess(doc -> {
            if (interval > 0) performance.interval(interval * 1000L);
            Bodies.ok(ctx, 200, doc);
        }).onFailure(ctx::fail);
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
        throw GatewayException.admin(400, "INVALID_PAYLOAD", "metricsPublishInterval must be a number from 1 through 60, was '"
            + value + "'");
    }
}
