package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.ExtendedSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Extended settings at {@code /configurations/settings} (11.0 swagger) and {@code /configurations/extended} (10.x):
 * GET answers {@code {"preferredSettings":{"extendedKeys":{...},"wattKeys":{}},"allSettings":{...}}}. PUT takes that
 * shape ({@code preferredSettings.extendedKeys}, only changed keys) or a flat {@code {"key":"value"}} map; values
 * are stored as strings.
 */
final class ExtendedSettingsResource {
    private final ExtendedSettings settings;

    ExtendedSettingsResource(ExtendedSettings settings) {
        this.settings = settings;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        for (String path : new String[] {"/configurations/settings", "/configurations/extended"}) {
            router.get(base + path).handler(this::get);
            router.put(base + path).handler(this::put);
        }
    }

    private void get(RoutingContext ctx) {
        Bodies.ok(ctx, 200, body());
    }

    private JsonObject body() {
        return new JsonObject()
            .put("preferredSettings", new JsonObject().put("wattKeys", new JsonObject()).put("extendedKeys", settings.preferred()))
            .put("allSettings", new JsonObject().put("wattKeys", new JsonObject()).put("extendedKeys", settings.all()));
    }

    private void put(RoutingContext ctx) {
        JsonObject in = Bodies.json(ctx);
        JsonObject keys = in.getValue("preferredSettings") instanceof JsonObject p
            ? (p.getValue("extendedKeys") instanceof JsonObject e ? e : new JsonObject()) : in;
        JsonObject strings = new JsonObject();
        for (String k : keys.fieldNames()) {
            Object v = keys.getValue(k);
            if (v == null || v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray) {
                throw GatewayException.admin(400, "INVALID_PAYLOAD", "Invalid property key found in request payload.");
            }
            strings.put(k, v.toString());
        }
        validate(strings);
        settings.update(strings).onSuccess(v -> Bodies.ok(ctx, 200, body())).onFailure(ctx::fail);
    }

    private static void validate(JsonObject keys) {
        String interval = keys.getString(ExtendedSettings.QUOTA_SURVIVAL_INTERVAL);
        if (interval == null) return;
        try {
            if (Long.parseLong(interval.trim()) >= 1) return;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw GatewayException.admin(400, "INVALID_PAYLOAD", ExtendedSettings.QUOTA_SURVIVAL_INTERVAL
            + " must be a whole number of seconds >= 1, was '" + interval + "'");
    }
}
