package dev.apigw.emulator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OAuth2 scopes as an API and the gateway scope mappings refer to them. An API declares its scopes in
 * {@code scopes:[{name, description, policies}]} and marks the resources each covers in the definition
 * ({@code paths.<path>.scopes} or {@code paths.<path>.<method>.scopes}, scope names). A mapping's {@code apiScopes}
 * names a whole API by id, or one API scope as {@code <apiId>:<scopeName>}; its {@code requiredAuthScopes} name the
 * authorization server's scopes a token must carry.
 */
public final class ScopeReferences {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private ScopeReferences() {
    }

    public static String apiIdOf(String ref) {
        int colon = ref.indexOf(':');
        return colon < 0 ? ref : ref.substring(0, colon);
    }

    /** The API scope a reference names, or null for a whole API. */
    public static String scopeNameOf(String ref) {
        int colon = ref.indexOf(':');
        return colon < 0 ? null : ref.substring(colon + 1);
    }

    /** The scope names of the local authorization server a mapping requires. */
    public static Set<String> localScopes(JsonObject mapping) {
        Set<String> out = new LinkedHashSet<>();
        if (mapping.getValue("requiredAuthScopes") instanceof JsonArray arr) {
            for (Object o : arr) {
                if (o instanceof JsonObject r && "local".equals(r.getValue("authServerAlias", "local"))
                    && r.getValue("scopeName") instanceof String n) out.add(n);
            }
        }
        return out;
    }

    /** The API's scopes by name, each with the resource paths (and methods) it covers. */
    public static Map<String, Map<String, Set<String>>> resources(JsonObject api) {
        Map<String, Map<String, Set<String>>> out = new LinkedHashMap<>();
        if (api.getValue("scopes") instanceof JsonArray scopes) {
            for (Object s : scopes) if (s instanceof JsonObject so && so.getValue("name") instanceof String n) out.put(n, new LinkedHashMap<>());
        }
        Object paths = api.getJsonObject("apiDefinition", new JsonObject()).getValue("paths");
        if (!(paths instanceof JsonObject p)) return out;
        for (String path : p.fieldNames()) {
            if (!(p.getValue(path) instanceof JsonObject item)) continue;
            for (String name : names(item.getValue("scopes"))) covered(out, name, path);
            for (String m : item.fieldNames()) {
                if (!METHODS.contains(m.toLowerCase(Locale.ROOT)) || !(item.getValue(m) instanceof JsonObject op)) continue;
                for (String name : names(op.getValue("scopes"))) covered(out, name, path).add(m.toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Set<String> covered(Map<String, Map<String, Set<String>>> out, String scope, String path) {
        return out.computeIfAbsent(scope, k -> new LinkedHashMap<>()).computeIfAbsent(path, k -> new LinkedHashSet<>());
    }

    private static List<String> names(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray arr) {
            for (Object o : arr) {
                if (o instanceof String s) out.add(s);
                else if (o instanceof JsonObject j && j.getValue("name") instanceof String n) out.add(n);
            }
        }
        return out;
    }

    /** {@code [{"references":[{"resourcePath","supportedOperations"}],"scope":{...}}]}, as GET /apis/{id}/scopes shows. */
    public static JsonArray view(JsonObject api, String onlyScope) {
        JsonArray out = new JsonArray();
        Map<String, Map<String, Set<String>>> all = resources(api);
        Map<String, JsonObject> declared = new LinkedHashMap<>();
        if (api.getValue("scopes") instanceof JsonArray scopes) {
            for (Object s : scopes) if (s instanceof JsonObject so && so.getValue("name") instanceof String n) declared.put(n, so);
        }
        all.forEach((name, paths) -> {
            if (onlyScope != null && !onlyScope.equals(name)) return;
            JsonArray refs = new JsonArray();
            paths.forEach((path, methods) -> refs.add(new JsonObject().put("resourcePath", path)
                .put("supportedOperations", new JsonArray(new ArrayList<>(methods)))));
            JsonObject scope = declared.getOrDefault(name, new JsonObject().put("name", name));
            out.add(new JsonObject().put("references", refs).put("scope", scope));
        });
        return out;
    }
}
