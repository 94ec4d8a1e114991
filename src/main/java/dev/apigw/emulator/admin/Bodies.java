package dev.apigw.emulator.admin;

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
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) throw GatewayException.invalidPayload("the request body is empty");
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw GatewayException.invalidPayload("the request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject obj)) throw GatewayException.invalidPayload("the request body must be a JSON object");
        return obj;
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
