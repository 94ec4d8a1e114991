package dev.apigw.emulator.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code /rest/apigateway/health} (readiness: 200 or, when the data store is down or the node is not accepting
 * traffic, 500/503) and {@code /health/{admin|engine|externalServices|all}} with the product's {@code status}
 * green/yellow/red (red answers 500). The checks themselves run through vertx-health-check ({@link HealthChecks}),
 * which bounds each one with a timeout; the data store is reported both as itself and under the product's
 * {@code elasticsearch} key, since scripts read that. With a shared Redis, a store that does not answer turns its
 * components red but the engine only yellow: the node keeps serving traffic (see {@code capabilities}, what still
 * works and what is refused), so readiness stays 200 and load balancers keep the node.
 */
final class HealthResource {
    private final HealthChecks checks;
    private final BooleanSupplier accepting;
    private final boolean redis;
    private final AdminAuthHandler auth;

    HealthResource(HealthChecks checks, BooleanSupplier accepting, boolean redis, AdminAuthHandler auth) {
        this.checks = checks;
        this.accepting = accepting;
        this.redis = redis;
        this.auth = auth;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/health").handler(this::readiness);
        router.get(base + "/health/admin").handler(ctx -> respond(ctx, this::admin));
        router.get(base + "/health/engine").handler(ctx -> respond(ctx, () -> detailed(ctx).compose(this::engine)));
        router.get(base + "/health/externalServices").handler(ctx -> respond(ctx, this::external));
        router.get(base + "/health/all").handler(ctx -> respond(ctx, () -> detailed(ctx).compose(this::all)));
    }

    private void readiness(RoutingContext ctx) {
        if (!accepting.getAsBoolean()) {
            Bodies.ok(ctx, 503, new JsonObject().put("status", "red").put("reason", "the gateway is quiescing or quiesced"));
            return;
        }
        engine(false).onSuccess(engine -> {
            boolean red = "red".equals(engine.getString("status"));
            Bodies.ok(ctx, red ? 500 : 200, new JsonObject().put("status", engine.getString("status")));
        }).onFailure(ctx::fail);
    }

    private interface Report {
        Future<JsonObject> get();
    }

    private void respond(RoutingContext ctx, Report report) {
        report.get().onSuccess(body -> Bodies.ok(ctx, "red".equals(body.getString("status")) ? 500 : 200, body))
            .onFailure(ctx::fail);
    }

    private Future<JsonObject> admin() {
        return Future.succeededFuture(new JsonObject().put("status", "green")
            .put("ui", new JsonObject().put("status", "not configured").put("response_time_ms", "0")));
    }

    /** Health is anonymous: only the administrator sees where the node keeps its files. */
    private Future<Boolean> detailed(RoutingContext ctx) {
        return auth.authorized(ctx.request().getHeader("Authorization")).otherwise(false);
    }

    private Future<JsonObject> engine(boolean detailed) {
        return checks.checkStatus().map(result -> {
            JsonObject store = data(result, "store");
            if (!detailed) store.remove("path");
            Object capabilities = store.remove("capabilities");
            String storeStatus = store.getString("status", "red");
            // a shared store that is away impairs the node (yellow); an embedded one that fails is the node's own
            String engineStatus = redis && "red".equals(storeStatus) && capabilities != null ? "yellow" : storeStatus;
            JsonObject rateLimit = data(result, "rateLimit");
            JsonObject assets = data(result, "assets");
            String status = rateLimit.containsKey("error") ? engineStatus : worst(engineStatus, rateLimit.getString("status"));
            // a skipped document makes the node yellow, never red: everything else still serves
            if (!assets.containsKey("error") && "yellow".equals(assets.getString("status"))) status = worst(status, "yellow");
            Runtime rt = Runtime.getRuntime();
            JsonObject body = new JsonObject().put("status", status)
                .put("elasticsearch", new JsonObject().put("cluster_name", "apigw-emulator-" + store.getString("type", "store"))
                    .put("status", storeStatus))
                .put("is", new JsonObject().put("status", "green")
                    .put("memory", new JsonObject().put("status", "up").put("freemem", String.valueOf(rt.freeMemory()))))
                .put("dataStore", store);
            if (!rateLimit.containsKey("error")) body.put("rateLimit", rateLimit);
            if (!assets.containsKey("error")) body.put("assets", assets);
            JsonObject events = data(result, "events"); // yellow while the event writer drops events
            if (!detailed) events.remove("lastError"); // a file system error names files under the data directory
            if (!events.containsKey("error")) {
                body.put("transactionEvents", events);
                body.put("status", worst(status, events.getString("status")));
            }
            body.put("terracotta", redis ? new JsonObject().put("status", storeStatus).put("type", "redis")
                : new JsonObject().put("status", "not configured"));
            if (capabilities != null) body.put("capabilities", capabilities);
            return body;
        });
    }

    private Future<JsonObject> external() {
        return Future.succeededFuture(new JsonObject().put("status", "green").put("destinations", new JsonArray())
            .put("external_accounts", new JsonArray()));
    }

    private Future<JsonObject> all(boolean detailed) {
        return Future.all(admin(), engine(detailed), external()).map(r -> {
            JsonObject admin = r.resultAt(0), engine = r.resultAt(1), external = r.resultAt(2);
            String status = worst(admin.getString("status"), engine.getString("status"), external.getString("status"));
            return new JsonObject().put("status", status).put("admin", admin).put("engine", engine).put("external", external);
        });
    }

    private static JsonObject data(CheckResult result, String id) {
        if (result.getChecks() != null) {
            for (CheckResult c : result.getChecks()) {
                if (id.equals(c.getId())) {
                    JsonObject d = c.getData() == null ? new JsonObject() : c.getData().copy();
                    if (!Boolean.TRUE.equals(c.getUp())) d.put("status", "red");
                    return d;
                }
            }
        }
        return new JsonObject().put("status", "red").put("error", "check " + id + " did not report");
    }

    static String worst(String... statuses) {
        String w = "green";
        for (String s : statuses) {
            if ("red".equals(s)) return "red";
            if ("yellow".equals(s)) w = "yellow";
        }
        return w;
    }
}
