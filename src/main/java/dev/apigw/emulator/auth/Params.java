package dev.apigw.emulator.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Request parameters of the public auth endpoints, from a JSON body, a form body or the query, in that order. */
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
        String form = ctx.request().getFormAttribute(name);
        if (form != null) return form;
        return ctx.request().getParam(name);
    }
}
