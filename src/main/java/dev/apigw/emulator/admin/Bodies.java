package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.JsonLimits;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** Request-body and query helpers shared by the admin resources; bad input becomes a 400, never a 500. */
public final class Bodies {
    private Bodies() {
    }

    /** The body as a JSON object, or a 400 naming what is wrong with it. */
    public static JsonObject json(RoutingContext ctx) {
        Object parsed = value(ctx);
        if (parsed == null) throw GatewayException.invalidPayload("the request body is empty");
        if (!(parsed instanceof JsonObject obj)) throw GatewayException.invalidPayload("the request body must be a JSON object");
        return obj;
    }

    /**
     * The body as any JSON value, null when empty; a 400 when it is not JSON or nests deeper than the limit
     * ({@code limits.maxJsonDepth}): what is accepted must also be storable and answerable.
     */
    static Object value(RoutingContext ctx) {
        String text = text(ctx);
        if (text == null || text.isBlank()) return null;
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw GatewayException.invalidPayload("the request body is not valid JSON");
        }
        Integer depth = ctx.get(RequestChecks.MAX_DEPTH);
        JsonLimits.checkDepth(parsed, depth == null ? JsonLimits.DEFAULT_MAX_DEPTH : depth);
        return parsed;
    }

    /** The body decoded with its declared charset (checked by {@link RequestChecks}); null when there is none. */
    static String text(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null) return null;
        String type = ctx.request().getHeader("Content-Type");
        java.nio.charset.Charset cs = type == null ? null : RequestChecks.charsetOf(type);
        return ctx.body().buffer().toString(cs == null ? java.nio.charset.StandardCharsets.UTF_8 : cs);
    }

    /** The object under {@code key} when the body is wrapped ({@code {"policy":{...}}}), else the body itself. */
    static JsonObject unwrap(JsonObject body, String key) {
        Object inner = body.getValue(key);
        if (inner == null) return body;
        if (inner instanceof JsonObject obj) return obj;
        throw GatewayException.invalidPayload("'" + key + "' must be a JSON object");
    }

    /** A comma-separated id list from the query, e.g. {@code ?apiIds=a,b}; empty when absent. */
    static List<String> ids(RoutingContext ctx, String param) {
        List<String> out = new ArrayList<>();
        for (String value : ctx.queryParam(param)) {
            for (String id : value.split(",")) if (!id.isBlank()) out.add(id.trim());
        }
        return out;
    }

    static int intParam(RoutingContext ctx, String param, int fallback) {
        String v = ctx.queryParams().get(param);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter " + param + " must be a number, was '" + v + "'");
        }
    }

    public static void ok(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
