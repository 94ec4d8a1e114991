package dev.apigw.emulator.admin;

import dev.apigw.emulator.quiesce.Shutdown;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /rest/apigateway/shutdown} {@code {"bounce","option":"drain|force","timeout":<minutes>,"quiesce"}}:
 * answers 200 at once, then shuts down ({@code drain}: waits up to {@code timeout} minutes for requests in flight;
 * {@code force}: does not wait).
 */
final class ShutdownResource {
    private final Shutdown shutdown;

    ShutdownResource(Shutdown shutdown) {
        this.shutdown = shutdown;
    }

    void mount(Router router) {
        router.post(AdminApi.BASE + "/shutdown").handler(this::shutdown);
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
        // the drain starts once the answer is written, so this request is not one it waits for
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(answer.encode())
            .onComplete(v -> shutdown.shutdown("drain".equals(option) ? minutes * 60_000 : 0, bounce));
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

    /** A boolean, or its string form: the vendor's zero-downtime collection sends {@code "quiesce": "false"}. */
    private static boolean flag(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (v == null) return false;
        Boolean b = dev.apigw.emulator.model.Lenient.bool(v); // "false" as well as false, as the product reads it
        if (b != null) return b;
        throw GatewayException.invalidPayload("'" + key + "' must be true or false");
    }
}
