package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Settings documents by id: {@code extendedSettings} holds {@code extendedKeys}, an object of scalar values;
 * {@code gatewayDestinationConfig} is an object of scalar values; the signing key holds its two keys as text. Other
 * settings documents only need to be objects.
 */
final class SettingsShapes {
    private SettingsShapes() {
    }

    static void check(JsonObject doc) {
        String id = doc.getValue("id") instanceof String s ? s : "";
        switch (id) {
            case "extendedSettings" -> {
                if (!(doc.getValue("extendedKeys") instanceof JsonObject keys)) {
                    throw GatewayException.invalidPayload("'extendedKeys' must be an object of setting values");
                }
                scalars(keys, "extendedKeys");
            }
            case "gatewayDestinationConfig" -> scalars(doc, "gatewayDestinationConfig");
            case "jwtSigningKey" -> Fields.texts(doc, "privateKey", "publicKey");
            default -> { }
        }
    }

    private static void scalars(JsonObject obj, String what) {
        obj.forEach(e -> {
            if (e.getValue() instanceof JsonObject || e.getValue() instanceof JsonArray) {
                throw GatewayException.invalidPayload("every value of '" + what + "' must be text, a number or a boolean ("
                    + e.getKey() + ")");
            }
        });
    }
}
