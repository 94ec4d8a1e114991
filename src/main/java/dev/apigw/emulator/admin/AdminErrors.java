package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of admin error responses: {@code {"errorDetails":" <message>"}} (the leading space is the
 * product's), or the APIs resource's own {@code apiResponse} shape for its 404 (and the packages' {@code packageResponse}
 * for theirs). As the routers' failure handler it
 * maps store outages to 503 and anything unexpected to a logged 500; router-level failures keep their status.
 */
public final class AdminErrors implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);

    @Override
    public void handle(RoutingContext ctx) {
        GatewayException error = toGatewayException(ctx);
        // refused before its body was read (401, 413, 429, 503 ...): a short body is drained after the answer, a
        // long one (or one of unknown length) is not read at all: the connection closes
        boolean drain = LingeringClose.drains(ctx.request());
        if (!drain && !ctx.request().isEnded() && !ctx.response().headWritten()) ctx.response().putHeader("Connection", "close");
        send(ctx.response(), error).onComplete(ar -> {
            if (drain) LingeringClose.after(ctx);
            else if (!ctx.request().isEnded() && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                ctx.request().connection().close();
            }
        });
    }

    /** Writes {@code error} in the admin shape; a response already under way can only be reset. */
    public static Future<Void> send(HttpServerResponse response, GatewayException error) {
        if (response.ended() || response.closed()) return Future.succeededFuture();
        if (response.headWritten()) {
            response.reset();
            return Future.succeededFuture();
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json");
        error.headers().forEach(response::putHeader);
        return response.end(body(error).encode());
    }

    static JsonObject body(GatewayException error) {
        if (GatewayException.API_ID_NOT_FOUND.equals(error.key())) {
            return new JsonObject().put("apiResponse", new JsonObject().put("responseStatus", "NOT_FOUND")
                .put("errorReason", error.getMessage()));
        }
        if (PackageResource.NOT_FOUND_KEY.equals(error.key())) {
            return new JsonObject().put("packageResponse", new JsonObject().put("status", "NOT_FOUND")
                .put("description", error.getMessage()));
        }
        return new JsonObject().put("errorDetails", " " + error.getMessage());
    }

    private static GatewayException toGatewayException(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof GatewayException ge) return ge;
        if (failure instanceof StoreUnavailableException su) return GatewayException.storeUnavailable(su.getMessage());
        int status = ctx.statusCode();
        if (failure == null && status > 0) return GatewayException.admin(status, "HTTP_" + status, reason(status, ctx));
        // a handler of the framework refusing the request (a body handler that cannot decode it): still the client's
        if (status >= 400 && status < 500) return GatewayException.admin(status, "HTTP_" + status, reason(status, ctx));
        LOG.warn("admin request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
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
