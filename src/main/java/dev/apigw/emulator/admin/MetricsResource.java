package dev.apigw.emulator.admin;

import dev.apigw.emulator.metrics.DestinationSettings;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.metrics.LicenseMetrics;
import dev.apigw.emulator.metrics.PerformanceMetrics;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /metrics} (Prometheus, no credentials), {@code GET /rest/apigateway/metrics/published?kind=...} (what
 * the publishers and flushes wrote) and {@code GET/PUT /rest/apigateway/configurations/gatewayDestinationConfig}.
 */
final class MetricsResource {
    private static final Set<String> KINDS = Set.of(PerformanceMetrics.KIND, LicenseMetrics.KIND, "subscription_quota");

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final GatewayMeters meters;
    private final MetricsStore published;
    private final DestinationSettings destination;

    MetricsResource(GatewayMeters meters, MetricsStore published, DestinationSettings destination) {
        this.meters = meters;
        this.published = published;
        this.destination = destination;
    }

    void mountPublic(Router router) {
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(meters.scrape()));
        // HEAD: what a scraper's or a load balancer's check sends; the headers of a GET, no body
        router.head("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end());
    }

    void mount(Router router) {
        mountPublished(router);
        router.get(AdminApi.BASE + "/configurations/" + DestinationSettings.ID).handler(ctx -> destination.get()
            .onSuccess(doc -> Bodies.ok(ctx, 200, doc)).onFailure(ctx::fail));
        router.put(AdminApi.BASE + "/configurations/" + DestinationSettings.ID).handler(ctx -> destination
            .update(Bodies.json(ctx)).onSuccess(doc -> Bodies.ok(ctx, 200, doc)).onFailure(ctx::fail));
    }

    void mountPublished(Router router) {
        router.get(AdminApi.BASE + "/metrics/published").handler(this::published);
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
}
