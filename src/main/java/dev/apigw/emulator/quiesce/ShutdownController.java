package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.admin.Bodies;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * {@code POST /rest/apigateway/shutdown} and SIGTERM: stop admitting requests, flush every kind, drain in-flight
 * requests ({@code drain}: up to {@code timeout} minutes; {@code force}: no wait), then run the exit action with
 * the {@code bounce} flag. The exit action is injected (Main exits the JVM; tests only stop the node). Runs once.
 */
public final class ShutdownController {
    private static final Logger LOG = Logger.getLogger(ShutdownController.class.getName());

    private final QuiesceController quiesce;
    private final Function<Boolean, Future<Void>> exit;
    private final AtomicReference<Future<Void>> running = new AtomicReference<>();

    public ShutdownController(QuiesceController quiesce, Function<Boolean, Future<Void>> exit) {
        this.quiesce = quiesce;
        this.exit = exit;
    }

    public void mount(Router router, String base) {
        router.post(base + "/shutdown").handler(this::shutdown);
    }

    /** Drains up to {@code drainTimeoutMs} and flushes, then exits; repeated calls share the first run. */
    public Future<Void> shutdown(long drainTimeoutMs, boolean bounce) {
        Future<Void> started = running.get();
        if (started != null) return started;
        Future<Void> run = quiesce.quiesceForShutdown(drainTimeoutMs)
            .onFailure(err -> LOG.warning("shutdown: " + err.getMessage() + "; exiting anyway"))
            .transform(ar -> exit.apply(bounce));
        return running.compareAndSet(null, run) ? run : running.get();
    }

    private void shutdown(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        Object option = body.getValue("option");
        if (!"drain".equals(option) && !"force".equals(option)) {
            throw GatewayException.invalidPayload("'option' is required and must be \"drain\" or \"force\"");
        }
        long minutes = minutes(body.getValue("timeout"));
        boolean bounce = flag(body, "bounce");
        flag(body, "quiesce"); // validated; the flush happens either way so no count is lost
        JsonObject answer = new JsonObject().put("bounce", bounce).put("option", option)
            .put("timeout", String.valueOf(minutes)).put("message", "Server shutdown is in progress.");
        // start once the answer is written; not via endHandler, which counts the request out of admission
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(answer.encode())
            .onComplete(v -> shutdown("drain".equals(option) ? minutes * 60_000 : 0, bounce));
    }

    private static long minutes(Object value) {
        if (value == null) return 1;
        try {
            long n = value instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(value).trim());
            if (n >= 0 && n <= 1440) return n;
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw GatewayException.invalidPayload("'timeout' must be a number of minutes from 0 through 1440, was '" + value + "'");
    }

    private static boolean flag(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        throw GatewayException.invalidPayload("'" + key + "' must be true or false");
    }
}
