package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.ApiInput;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What an API update carries besides its definition. Pipelines PUT the whole {@code api} object a GET answered
 * (tags, groups and scopes edited), so its API-level fields are kept, except the ones the gateway owns; and an API
 * updated from a URL or a file keeps its tags unless {@code overwriteTags=true}.
 */
final class ApiUpdates {
    /** Fields a PUT body cannot change: the gateway's own, and the ones the definition and the request set. */
    private static final Set<String> OWNED = Set.of("id", "isActive", "policies", "creationDate", "lastModified",
        "systemVersion", "owner", "type", "nativeEndpoint", "apiDefinition", "apiName", "apiVersion", "apiDescription",
        "url", "file", "authorizationValue", "publishedPortals", "mockService", "gatewayEndPoints", "versions");

    private ApiUpdates() {
    }

    static ApiInput withExtras(ApiInput in, JsonObject body) {
        JsonObject extras = new JsonObject();
        body.forEach(e -> {
            if (!OWNED.contains(e.getKey())) extras.put(e.getKey(), e.getValue());
        });
        check(extras);
        return new ApiInput(in.apiName(), in.apiVersion(), in.apiDescription(), in.definition(), extras);
    }

    private static void check(JsonObject extras) {
        Object scopes = extras.getValue("scopes");
        if (scopes != null && !(scopes instanceof JsonArray arr && arr.stream().allMatch(s -> s instanceof JsonObject o
            && o.getValue("name") instanceof String))) {
            throw GatewayException.invalidPayload("'scopes' must be an array of {name, description, policies} objects");
        }
        Object groups = extras.getValue("apiGroups");
        if (groups != null && !(groups instanceof JsonArray arr && arr.stream().allMatch(g -> g instanceof String))) {
            throw GatewayException.invalidPayload("'apiGroups' must be an array of strings");
        }
        if (extras.getValue("maturityState") != null && !(extras.getValue("maturityState") instanceof String)) {
            throw GatewayException.invalidPayload("'maturityState' must be a string");
        }
    }

    /** The stored definition's tags carried into a definition re-read from a URL or file. */
    static ApiInput keepTags(ApiInput in, JsonObject existing, boolean overwrite) {
        if (existing == null || overwrite) return in;
        JsonObject old = existing.getJsonObject("apiDefinition", new JsonObject());
        JsonObject doc = in.definition().document();
        for (String key : new String[] {"tags", "apiTags"}) {
            if (!(old.getValue(key) instanceof JsonArray oldTags)) continue;
            JsonArray merged = doc.getValue(key) instanceof JsonArray now ? now : new JsonArray();
            for (Object t : oldTags) if (!merged.contains(t)) merged.add(t);
            doc.put(key, merged);
        }
        return in;
    }
}
