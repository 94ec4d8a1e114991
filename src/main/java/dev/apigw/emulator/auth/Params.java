package dev.apigw.emulator.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Request parameters of the public auth endpoints, from a JSON body or a form body. Never from the query string:
 * secrets and tokens in URLs end up in access logs (RFC 6749 section 2.3.1).
 */
final class Params {
    private final JsonObject json;
    private final RoutingContext ctx;

    private Params(RoutingContext ctx, JsonObject json) {
        this.ctx = ctx;
        this.json = json;
    }

    static Params of(RoutingContext ctx) {
        JsonObject json = null;
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase().contains("json") && ctx.body() != null && ctx.body().length() > 0) {
            try {
                json = ctx.body().asJsonObject();
            } catch (RuntimeException e) {
                json = null; // not an object: treated as no parameters, the endpoint answers 400 for what is missing
            }
        }
        return new Params(ctx, json);
    }

    String get(String name) {
        if (json != null && json.getValue(name) != null) return String.valueOf(json.getValue(name));
        return ctx.request().getFormAttribute(name);
    }
}
