package dev.apigw.emulator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The product's internationalised names: {@code [{"value":"...","locale":"en"}]}. */
public final class Names {
    private Names() {
    }

    public static JsonArray of(String value, String locale) {
        return new JsonArray().add(new JsonObject().put("value", value).put("locale", locale));
    }

    /** The first name's value, or the fallback. */
    public static String first(JsonObject asset, String fallback) {
        JsonArray names = asset.getJsonArray("names");
        if (names == null || names.isEmpty() || !(names.getValue(0) instanceof JsonObject n)) return fallback;
        String v = n.getString("value");
        return v == null ? fallback : v;
    }
}
