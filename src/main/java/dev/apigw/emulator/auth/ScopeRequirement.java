package dev.apigw.emulator.auth;

import dev.apigw.emulator.model.ScopeReferences;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OAuth2 scopes an access token of the local authorization server must carry to call one API, from the gateway
 * scope mappings that name it: a mapping of the whole API guards every resource, a mapping of an API scope guards the
 * resources of that scope. A token passes when it carries at least one of the scopes required for the resource; an
 * API no mapping names requires none. Immutable, built when the route table is compiled.
 */
public final class ScopeRequirement {
    public static final ScopeRequirement NONE = new ScopeRequirement(Set.of(), Map.of());
    private final Set<String> wholeApi;
    private final Map<String, Set<String>> byResource;

    private ScopeRequirement(Set<String> wholeApi, Map<String, Set<String>> byResource) {
        this.wholeApi = wholeApi;
        this.byResource = byResource;
    }

    public static ScopeRequirement of(JsonObject api, List<JsonObject> mappings) {
        String id = api.getString("id", "");
        Set<String> whole = new HashSet<>();
        Map<String, Set<String>> byResource = new HashMap<>();
        Map<String, Map<String, Set<String>>> apiScopes = null;
        for (JsonObject mapping : mappings) {
            Set<String> required = ScopeReferences.localScopes(mapping);
            if (required.isEmpty() || !(mapping.getValue("apiScopes") instanceof io.vertx.core.json.JsonArray refs)) continue;
            for (Object ref : refs) {
                if (!(ref instanceof String r) || !ScopeReferences.apiIdOf(r).equals(id)) continue;
                String scope = ScopeReferences.scopeNameOf(r);
                if (apiScopes == null) apiScopes = ScopeReferences.resources(api);
                Map<String, Set<String>> paths = scope == null ? null : apiScopes.get(scope);
                if (paths == null || paths.isEmpty()) whole.addAll(required);
                else for (String path : paths.keySet()) byResource.computeIfAbsent(path, k -> new HashSet<>()).addAll(required);
            }
        }
        if (whole.isEmpty() && byResource.isEmpty()) return NONE;
        return new ScopeRequirement(Set.copyOf(whole), Map.copyOf(byResource));
    }

    public boolean isEmpty() {
        return wholeApi.isEmpty() && byResource.isEmpty();
    }

    /** Whether a token granting {@code scopes} may call the resource (a path template of the API, or null). */
    public boolean allows(String resource, Set<String> scopes) {
        Set<String> forResource = resource == null ? Set.of() : byResource.getOrDefault(resource, Set.of());
        if (wholeApi.isEmpty() && forResource.isEmpty()) return true;
        for (String s : scopes) if (wholeApi.contains(s) || forResource.contains(s)) return true;
        return false;
    }
}
