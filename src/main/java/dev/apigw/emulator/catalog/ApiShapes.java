package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;

/**
 * An API as stored: {@code apiName} and {@code apiVersion} (text), {@code apiDefinition} (an object whose
 * {@code paths}, when present, is an object), {@code isActive} (true/false), {@code policies} (policy ids),
 * {@code nativeEndpoint} and {@code scopes} (arrays of objects).
 */
final class ApiShapes {
    private ApiShapes() {
    }

    static void check(JsonObject api) {
        Fields.text(api, "apiName", true);
        Fields.text(api, "apiVersion", true);
        Fields.texts(api, "apiDescription", "type", "owner", "id");
        Fields.bool(api, "isActive");
        Fields.textArray(api, "policies");
        Fields.objectArray(api, "nativeEndpoint");
        Fields.objectArray(api, "scopes");
        Object def = api.getValue("apiDefinition");
        if (!(def instanceof JsonObject d)) throw GatewayException.invalidPayload("'apiDefinition' is required and must be an object");
        Fields.object(d, "paths");
    }
}
