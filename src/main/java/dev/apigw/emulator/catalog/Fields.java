package dev.apigw.emulator.catalog;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Field type checks shared by the shape validators; each failure is a 400 naming the field. */
final class Fields {
    private Fields() {
    }

    static void text(JsonObject doc, String key, boolean required) {
        Object v = doc.getValue(key);
        if (v == null && !required) return;
        if (!(v instanceof String s) || required && s.isBlank()) {
            throw GatewayException.invalidPayload("'" + key + "' " + (required ? "is required and " : "") + "must be text");
        }
    }

    static void texts(JsonObject doc, String... keys) {
        for (String k : keys) text(doc, k, false);
    }

    /** true or false; the text "true"/"false" (any case), which the product accepts, is stored as the boolean. */
    static void bool(JsonObject doc, String... keys) {
        String bad = Lenient.normaliseBooleans(doc, keys);
        if (bad != null) throw GatewayException.invalidPayload("'" + bad + "' must be true or false");
    }

    /** true, false, or the text "true"/"false" (the product's exports carry both). */
    static void boolOrText(JsonObject doc, String key) {
        Object v = doc.getValue(key);
        if (v == null || v instanceof Boolean || v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return;
        throw GatewayException.invalidPayload("'" + key + "' must be true or false");
    }

    static void object(JsonObject doc, String key) {
        if (doc.getValue(key) != null && !(doc.getValue(key) instanceof JsonObject)) {
            throw GatewayException.invalidPayload("'" + key + "' must be an object");
        }
    }

    static void textArray(JsonObject doc, String... keys) {
        for (String k : keys) {
            Object v = doc.getValue(k);
            if (v == null) continue;
            if (!(v instanceof JsonArray arr) || arr.stream().anyMatch(e -> !(e instanceof String))) {
                throw GatewayException.invalidPayload("'" + k + "' must be an array of text");
            }
        }
    }

    static void objectArray(JsonObject doc, String key) {
        Object v = doc.getValue(key);
        if (v == null) return;
        if (!(v instanceof JsonArray arr) || arr.stream().anyMatch(e -> !(e instanceof JsonObject))) {
            throw GatewayException.invalidPayload("'" + key + "' must be an array of objects");
        }
    }

    /** A whole number >= min, as a JSON number or as text (vendor exports carry numbers as text). */
    static void whole(JsonObject doc, String key, long min, boolean required) {
        Object v = doc.getValue(key);
        if (v == null && !required) return;
        try {
            double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
            if (d >= min && d == Math.rint(d) && d < 1e15) return;
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw GatewayException.invalidPayload("'" + key + "' must be a whole number >= " + min + ", was '" + v + "'");
    }
}
