package dev.apigw.emulator.deploy;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The design-time assets one route table is compiled from, indexed by id (documents without a text id are ignored). */
public record AssetSnapshot(List<JsonObject> apis, Map<String, JsonObject> policies, Map<String, JsonObject> actions) {

    public static AssetSnapshot of(List<JsonObject> apis, List<JsonObject> policies, List<JsonObject> actions) {
        return new AssetSnapshot(apis, index(policies), index(actions));
    }

    private static Map<String, JsonObject> index(List<JsonObject> docs) {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonObject d : docs) if (d.getValue("id") instanceof String id) out.put(id, d);
        return out;
    }
}
