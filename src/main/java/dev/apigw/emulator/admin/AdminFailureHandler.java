package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.StoreUnavailableException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The only writer of admin error responses: {@code {"errorDetails":" <message>"}}, or the exception's own body.
 * Store outages become 503, anything unexpected a logged 500; router-level failures keep their status.
 */
public final class AdminFailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(AdminFailureHandler.class.getName());

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        GatewayException error = toGatewayException(ctx);
        ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json");
        error.headers().forEach(ctx.response()::putHeader);
        JsonObject body = error.body() != null ? error.body() : new JsonObject().put("errorDetails", " " + error.getMessage());
        ctx.response().end(body.encode());
    }

    private static GatewayException toGatewayException(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof GatewayException ge) return ge;
        if (failure instanceof StoreUnavailableException su) {
            return new GatewayException(503, "STORE_UNAVAILABLE", "The data store is unavailable: " + su.getMessage(),
                java.util.Map.of("Retry-After", "1"));
        }
        int status = ctx.statusCode();
        if (failure == null && status > 0) return GatewayException.admin(status, "HTTP_" + status, reason(status, ctx));
        LOG.log(Level.WARNING, "admin request " + ctx.request().method() + " " + ctx.request().path() + " failed", failure);
        return GatewayException.admin(500, "INTERNAL_ERROR", "Internal error: "
            + (failure == null ? "unknown" : failure.getClass().getSimpleName()));
    }

    private static String reason(int status, RoutingContext ctx) {
        return switch (status) {
            case 404 -> "Unable to find the resource: " + ctx.request().path();
            case 405 -> "Method: " + ctx.request().method() + " is not allowed on resource: " + ctx.request().path();
            case 413 -> "The request body is too large";
            default -> "Request failed with status " + status;
        };
    }
}
