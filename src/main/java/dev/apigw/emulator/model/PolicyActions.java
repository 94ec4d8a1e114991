package dev.apigw.emulator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and building policy action documents: {@code {"id","names":[...],"templateKey","parameters":[
 * {"templateKey","values":[...]} | {"templateKey","parameters":[...]}],"active"}}. Parameter values are strings.
 */
public final class PolicyActions {
    public static final String ROUTING = "straightThroughRouting";
    public static final String ENTRY_PROTOCOL = "entryProtocolPolicy";

    private PolicyActions() {
    }

    /** The values of the first parameter named {@code key} among {@code parameters} (not nested), or empty. */
    public static List<String> values(JsonArray parameters, String key) {
        JsonObject p = parameter(parameters, key);
        List<String> out = new ArrayList<>();
        JsonArray vals = p == null ? null : p.getJsonArray("values");
        if (vals != null) for (Object v : vals) if (v != null) out.add(v.toString());
        return out;
    }

    public static String value(JsonArray parameters, String key, String fallback) {
        List<String> vals = values(parameters, key);
        return vals.isEmpty() ? fallback : vals.get(0);
    }

    /** The first parameter object named {@code key}, or null. */
    public static JsonObject parameter(JsonArray parameters, String key) {
        if (parameters == null) return null;
        for (Object o : parameters) {
            if (o instanceof JsonObject p && key.equals(p.getString("templateKey"))) return p;
        }
        return null;
    }

    /** Every parameter object named {@code key} (complex parameters such as identification rules repeat). */
    public static List<JsonObject> parameters(JsonArray parameters, String key) {
        List<JsonObject> out = new ArrayList<>();
        if (parameters != null) {
            for (Object o : parameters) {
                if (o instanceof JsonObject p && key.equals(p.getString("templateKey"))) out.add(p);
            }
        }
        return out;
    }

    public static JsonObject param(String key, String... values) {
        return new JsonObject().put("templateKey", key).put("values", new JsonArray(List.of((Object[]) values)));
    }

    public static JsonObject routing(String id, String endpointUri) {
        return new JsonObject().put("id", id)
            .put("names", Names.of("Straight Through Routing", "en"))
            .put("templateKey", ROUTING)
            .put("parameters", new JsonArray().add(param("endpointUri", endpointUri)).add(param("method", "CUSTOM")))
            .put("active", false);
    }

    public static JsonObject entryProtocol(String id) {
        return new JsonObject().put("id", id)
            .put("names", Names.of("Require HTTP / HTTPS", "en"))
            .put("templateKey", ENTRY_PROTOCOL)
            .put("parameters", new JsonArray().add(param("protocol", "http", "https")))
            .put("active", false);
    }
}
