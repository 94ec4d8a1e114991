package dev.apigw.emulator.deploy;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The design-time assets one route table is compiled from: APIs, policies and policy actions (indexed by id), and
 * the aliases and OAuth2 scope mappings they refer to.
 */
public record AssetSnapshot(List<JsonObject> apis, Map<String, JsonObject> policies, Map<String, JsonObject> actions,
                            List<JsonObject> aliases, List<JsonObject> scopeMappings) {

    public static AssetSnapshot of(List<JsonObject> apis, List<JsonObject> policies, List<JsonObject> actions) {
        return of(apis, policies, actions, List.of(), List.of());
    }

    public static AssetSnapshot of(List<JsonObject> apis, List<JsonObject> policies, List<JsonObject> actions,
                                   List<JsonObject> aliases, List<JsonObject> scopeMappings) {
        return new AssetSnapshot(apis, index(policies), index(actions), aliases, scopeMappings);
    }

    private static Map<String, JsonObject> index(List<JsonObject> docs) {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonObject d : docs) if (d.getValue("id") instanceof String id) out.put(id, d);
        return out;
    }
}
