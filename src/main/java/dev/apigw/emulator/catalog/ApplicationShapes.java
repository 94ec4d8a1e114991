package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An application as stored: {@code name} (text), {@code identifiers: [{key, name, value: [text...], id}]},
 * {@code consumingAPIs: [apiId...]}, {@code isSuspended} (true/false, or the text), {@code planId}, and text or text
 * arrays for the descriptive fields. The application index reads identifiers and API ids on every rebuild.
 */
final class ApplicationShapes {
    private ApplicationShapes() {
    }

    static void check(JsonObject app) {
        Fields.text(app, "name", true);
        Fields.texts(app, "description", "version", "planId", "id", "owner", "iconbyteArray");
        Fields.boolOrText(app, "isSuspended");
        Fields.textArray(app, "consumingAPIs", "contactEmails", "siteURLs", "jsOrigins", "authStrategyIds");
        Fields.object(app, "accessTokens");
        Object ids = app.getValue("identifiers");
        if (ids == null) return;
        if (!(ids instanceof JsonArray list)) throw GatewayException.invalidPayload("'identifiers' must be an array");
        for (Object o : list) {
            if (!(o instanceof JsonObject ident)) throw GatewayException.invalidPayload("every identifier must be an object");
            if (!(ident.getValue("key") instanceof String key) || key.isBlank()) {
                throw GatewayException.invalidPayload("every identifier needs a 'key' (apiKey, httpBasicAuth, hostNameAddress, ...)");
            }
            Fields.texts(ident, "name", "id");
            Object value = ident.getValue("value");
            if (value != null && (!(value instanceof JsonArray arr) || arr.stream().anyMatch(v -> !(v instanceof String)))) {
                throw GatewayException.invalidPayload("the 'value' of identifier " + key + " must be an array of text, "
                    + "e.g. [\"" + (value instanceof String s ? s : "value") + "\"]");
            }
        }
    }
}
