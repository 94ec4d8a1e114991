package dev.apigw.emulator.admin;

import dev.apigw.emulator.events.Events;
import dev.apigw.emulator.events.PurgeCriteria;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /rest/apigateway/apitransactions}: purge ({@code DELETE}, 202 with a job id), download ({@code GET}, a
 * zip), archives (create, list, restore) and jobs, as the product's administration API has them. Empty query
 * parameters count as absent and unknown ones are ignored, as pipelines send them.
 */
final class ApiTransactionsResource {
    private static final String BASE = AdminApi.BASE + "/apitransactions";
    /** The product's answer, {@code auditLogs} spelled as it spells it there. */
    private static final List<String> MAPPINGS = List.of("performanceMetrics", "monitorEvents", "transactionalEvents",
        "policyViolationEvents", "errorEvents", "threatProtectionEvents", "lifecycleEvents", "auditLogs", "applicationlogs");
    private final Events events;

    ApiTransactionsResource(Events events) {
        this.events = events;
    }

    void mount(Router router) {
        router.delete(BASE).handler(this::purge);
        router.get(BASE).handler(this::download);
        router.get(BASE + "/typedefinitions").handler(ctx -> Bodies.ok(ctx, 200,
            new JsonObject().put("Mappings", new JsonArray(MAPPINGS))));
        router.get(BASE + "/jobs").handler(this::jobs);
        router.get(BASE + "/jobs/:jobId").handler(ctx -> Bodies.ok(ctx, 200, events.jobs().job(ctx.pathParam("jobId"))));
        router.get(BASE + "/archives").handler(ctx -> events.jobs().archives(param(ctx).apply("filter"))
            .onSuccess(names -> Bodies.ok(ctx, 200, new JsonObject().put("archiveFiles", new JsonArray(names))))
            .onFailure(ctx::fail));
        router.post(BASE + "/archives").handler(ctx -> accepted(ctx, events.jobs().archive(criteria(ctx, "from", "until",
            "olderThan"))));
        router.post(BASE + "/archives/:fileName").handler(ctx -> accepted(ctx, events.jobs().restore(ctx.pathParam("fileName"))));
    }

    private void purge(RoutingContext ctx) {
        String action = param(ctx).apply("action");
        if (action != null && !action.equalsIgnoreCase("purge") && !action.equalsIgnoreCase("archiveAndPurge")) {
            throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter action must be purge or archiveAndPurge, was '"
                + action + "'");
        }
        PurgeCriteria c = criteria(ctx, "from", "until", "olderThan");
        accepted(ctx, events.jobs().purge(c, "archiveAndPurge".equalsIgnoreCase(action)));
    }

    private void download(RoutingContext ctx) {
        PurgeCriteria c = criteria(ctx, "startDate", "endDate", "duration");
        String name = c.eventType().contains(",") || c.eventType().equalsIgnoreCase("ALL") ? "events" : c.eventType();
        events.jobs().download(c).onSuccess(zip -> ctx.response().putHeader("Content-Type", "application/zip")
            .putHeader("Content-Disposition", "attachment; filename=\"" + name + ".zip\"")
            .sendFile(zip.toString()).onComplete(ar -> ctx.vertx().fileSystem().delete(zip.toString())))
            .onFailure(ctx::fail);
    }

    private void jobs(RoutingContext ctx) {
        Function<String, String> p = param(ctx);
        Bodies.ok(ctx, 200, new JsonObject().put("pendingJobs", new JsonArray(events.jobs().jobIds(p.apply("action"),
            p.apply("status")))));
    }

    private static PurgeCriteria criteria(RoutingContext ctx, String from, String until, String duration) {
        return PurgeCriteria.parse(param(ctx), from, until, duration, System.currentTimeMillis());
    }

    private static void accepted(RoutingContext ctx, String jobId) {
        Bodies.ok(ctx, 202, new JsonObject().put("jobId", jobId));
    }

    private static Function<String, String> param(RoutingContext ctx) {
        return EventSearchResource.params(ctx);
    }
}
