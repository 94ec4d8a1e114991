package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The policies an API or a plan names: what an export carries along and what an import checks exist. */
final class AssetRefs {
    private AssetRefs() {
    }

    /** The API's SERVICE policy ({@code policies}) and the policies of its scopes, each once. */
    static List<String> apiPolicies(JsonObject api) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        api.getJsonArray("policies", new JsonArray()).forEach(p -> ids.add(String.valueOf(p)));
        for (Object s : api.getJsonArray("scopes", new JsonArray())) {
            if (s instanceof JsonObject scope) scope.getJsonArray("policies", new JsonArray()).forEach(p -> ids.add(String.valueOf(p)));
        }
        return new ArrayList<>(ids);
    }

    /** The plan's rate-limit policies and its quota's enforcement policy. */
    static List<String> planPolicies(JsonObject plan) {
        List<String> ids = new ArrayList<>();
        plan.getJsonArray("policies", new JsonArray()).forEach(p -> ids.add(String.valueOf(p)));
        if (plan.getValue("quota") instanceof JsonObject q && q.getValue("enforcementPolicy") instanceof String p) ids.add(p);
        return ids;
    }
}
