package dev.apigw.emulator.deploy;

import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyChain;
import dev.apigw.emulator.runtime.PolicyFactory;
import dev.apigw.emulator.runtime.ResourceMatcher;
import dev.apigw.emulator.runtime.RouteTable;
import dev.apigw.emulator.runtime.RoutingTarget;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.SkippedAssets.Skipped;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles design-time assets into a {@link RouteTable}: for every active API, its resources, the enforced policy
 * actions of its SERVICE policy and of every active GLOBAL policy (in stage order), and its routing target.
 * Policy actions with a templateKey no factory knows are kept in the store but not enforced.
 *
 * <p>Tolerant of what it reads, one document at a time: an API whose own definition or service policy cannot be
 * compiled is left out (requests get 404; GET /apis/{id} and health say why), and a global policy or action that
 * cannot be compiled is left out of every API instead of taking all of them down. Each is reported in the result.
 */
public final class RouteCompiler {
    private final Map<String, PolicyFactory> factories = new HashMap<>();
    private final List<Policy> lmtSystemPolicies;

    /** The table and what had to be left out of it. */
    public record Result(RouteTable table, List<Skipped> skipped) {
    }

    public RouteCompiler(List<PolicyFactory> factories) {
        this(factories, List.of());
    }

    /** @param lmtSystemPolicies policies every API enforces at the end of stage LMT (e.g. subscription quotas) */
    public RouteCompiler(List<PolicyFactory> factories, List<Policy> lmtSystemPolicies) {
        for (PolicyFactory f : factories) this.factories.put(f.templateKey(), f);
        this.lmtSystemPolicies = List.copyOf(lmtSystemPolicies);
    }

    public Result compile(AssetSnapshot assets) {
        List<Skipped> skipped = new ArrayList<>();
        Map<String, List<JsonObject>> globals = globalActions(assets, skipped);
        List<CompiledApi> table = new ArrayList<>();
        for (JsonObject api : assets.apis()) {
            try {
                if (!Boolean.TRUE.equals(api.getValue("isActive"))) continue;
                table.add(compileApi(api, globals, assets));
            } catch (RuntimeException e) {
                // one unusable API (a bad definition, a malformed action stored by an older version, another node or
                // a hand-edited file) must not stop every other API from deploying
                skipped.add(new Skipped(AssetType.APIS, String.valueOf(api.getValue("id")), "not served: " + reason(e)));
            }
        }
        return new Result(new RouteTable(table), skipped);
    }

    /** The actions of every active global policy by stage, each one checked once; bad ones are left out. */
    private Map<String, List<JsonObject>> globalActions(AssetSnapshot assets, List<Skipped> skipped) {
        Map<String, List<JsonObject>> byStage = new LinkedHashMap<>();
        for (JsonObject policy : assets.policies().values()) {
            try {
                if (!Policies.isGlobal(policy) || !Boolean.TRUE.equals(policy.getValue("active"))) continue;
                for (String stage : Policies.STAGE_ORDER) {
                    for (JsonObject action : actions(Policies.actionIds(policy, stage), assets)) {
                        if (usableGlobally(action, policy, skipped)) byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(action);
                    }
                }
            } catch (RuntimeException e) {
                skipped.add(new Skipped(AssetType.POLICIES, String.valueOf(policy.getValue("id")),
                    "global policy not enforced: " + reason(e)));
            }
        }
        return byStage;
    }

    private boolean usableGlobally(JsonObject action, JsonObject policy, List<Skipped> skipped) {
        try {
            String key = templateKey(action);
            PolicyFactory factory = factories.get(key);
            if (factory != null) factory.create(action, null);
            else if (key.equals(PolicyActions.ROUTING)) routingTarget(action);
            return true;
        } catch (RuntimeException e) {
            skipped.add(new Skipped(AssetType.POLICY_ACTIONS, String.valueOf(action.getValue("id")),
                "not enforced by global policy " + policy.getValue("id") + ": " + reason(e)));
            return false;
        }
    }

    private CompiledApi compileApi(JsonObject api, Map<String, List<JsonObject>> globals, AssetSnapshot assets) {
        JsonObject service = servicePolicy(api, assets);
        List<Policy> chain = new ArrayList<>();
        RoutingTarget routing = null;
        for (String stage : Policies.STAGE_ORDER) {
            List<JsonObject> stageActions = new ArrayList<>(globals.getOrDefault(stage, List.of()));
            if (service != null) stageActions.addAll(actions(Policies.actionIds(service, stage), assets));
            for (JsonObject action : stageActions) {
                String key = templateKey(action);
                if (key.equals(PolicyActions.ROUTING)) {
                    if (routing == null) routing = routingTarget(action);
                    continue;
                }
                PolicyFactory factory = factories.get(key);
                if (factory != null) chain.add(create(factory, action, api));
            }
            if (stage.equals("LMT")) chain.addAll(lmtSystemPolicies);
        }
        JsonObject definition = api.getJsonObject("apiDefinition", new JsonObject());
        return new CompiledApi(api.getString("id"), api.getString("apiName"), api.getString("apiVersion"),
            ResourceMatcher.fromPaths(definition.getJsonObject("paths")), new PolicyChain(chain), routing);
    }

    private static Policy create(PolicyFactory factory, JsonObject action, JsonObject api) {
        try {
            return factory.create(action, api);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("policy action " + action.getValue("id") + " (" + factory.templateKey()
                + "): " + reason(e));
        }
    }

    private static String templateKey(JsonObject action) {
        return action.getValue("templateKey") instanceof String s ? s : "";
    }

    private static JsonObject servicePolicy(JsonObject api, AssetSnapshot assets) {
        JsonArray ids = api.getJsonArray("policies", new JsonArray());
        return ids.isEmpty() || !(ids.getValue(0) instanceof String id) ? null : assets.policies().get(id);
    }

    private static List<JsonObject> actions(List<String> ids, AssetSnapshot assets) {
        List<JsonObject> out = new ArrayList<>();
        for (String id : ids) {
            JsonObject action = assets.actions().get(id);
            if (action != null) out.add(action);
        }
        return out;
    }

    /** The action's target; an unusable one (an older version stored it) fails the API, since routing is its purpose. */
    private static RoutingTarget routingTarget(JsonObject action) {
        JsonArray params = action.getJsonArray("parameters");
        String uri = PolicyActions.value(params, "endpointUri", null);
        // an empty endpoint is the placeholder of an API created without a server URL: requests get 503
        if (uri == null || uri.isBlank()) return null;
        try {
            return RoutingTarget.parse(uri, PolicyActions.value(params, "method", "CUSTOM"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routing action " + action.getValue("id") + ": " + e.getMessage());
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof ClassCastException ? "a field has the wrong JSON type" : String.valueOf(e.getMessage());
    }
}
