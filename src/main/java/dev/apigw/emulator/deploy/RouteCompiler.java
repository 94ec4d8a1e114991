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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles design-time assets into a {@link RouteTable}: for every active API, its resources, the enforced policy
 * actions of its SERVICE policy and of every active GLOBAL policy (in stage order), and its routing target.
 * Policy actions with a templateKey no factory knows are kept in the store but not enforced.
 */
public final class RouteCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(RouteCompiler.class);
    private final Map<String, PolicyFactory> factories = new HashMap<>();
    private final List<Policy> lmtSystemPolicies;

    public RouteCompiler(List<PolicyFactory> factories) {
        this(factories, List.of());
    }

    /** @param lmtSystemPolicies policies every API enforces at the end of stage LMT (e.g. subscription quotas) */
    public RouteCompiler(List<PolicyFactory> factories, List<Policy> lmtSystemPolicies) {
        for (PolicyFactory f : factories) this.factories.put(f.templateKey(), f);
        this.lmtSystemPolicies = List.copyOf(lmtSystemPolicies);
    }

    public RouteTable compile(AssetSnapshot assets) {
        List<JsonObject> globals = assets.policies().values().stream()
            .filter(p -> Policies.isGlobal(p) && p.getBoolean("active", false)).toList();
        List<CompiledApi> table = new ArrayList<>();
        for (JsonObject api : assets.apis()) {
            if (!api.getBoolean("isActive", false)) continue;
            try {
                CompiledApi compiled = compileApi(api, globals, assets);
                table.add(compiled);
            } catch (RuntimeException e) {
                // one unusable API (a bad endpoint, a malformed action stored by an older version or another node)
                // must not stop every other API from deploying, nor freeze the table at its previous state
                LOG.warn("API {} {} cannot be served: {}", api.getString("apiName"), api.getString("apiVersion"), e.getMessage());
            }
        }
        return new RouteTable(table);
    }

    private CompiledApi compileApi(JsonObject api, List<JsonObject> globals, AssetSnapshot assets) {
        JsonObject service = servicePolicy(api, assets);
        List<Policy> chain = new ArrayList<>();
        RoutingTarget routing = null;
        for (String stage : Policies.STAGE_ORDER) {
            for (JsonObject action : stageActions(stage, service, globals, assets)) {
                String key = action.getString("templateKey", "");
                if (key.equals(PolicyActions.ROUTING)) {
                    if (routing == null) routing = routingTarget(action);
                    continue;
                }
                PolicyFactory factory = factories.get(key);
                if (factory != null) chain.add(factory.create(action, api));
            }
            if (stage.equals("LMT")) chain.addAll(lmtSystemPolicies);
        }
        JsonObject definition = api.getJsonObject("apiDefinition", new JsonObject());
        return new CompiledApi(api.getString("id"), api.getString("apiName"), api.getString("apiVersion"),
            ResourceMatcher.fromPaths(definition.getJsonObject("paths")), new PolicyChain(chain), routing);
    }

    private static JsonObject servicePolicy(JsonObject api, AssetSnapshot assets) {
        JsonArray ids = api.getJsonArray("policies", new JsonArray());
        return ids.isEmpty() ? null : assets.policies().get(ids.getString(0));
    }

    private static List<JsonObject> stageActions(String stage, JsonObject service, List<JsonObject> globals,
                                                 AssetSnapshot assets) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject global : globals) addActions(out, Policies.actionIds(global, stage), assets);
        if (service != null) addActions(out, Policies.actionIds(service, stage), assets);
        return out;
    }

    private static void addActions(List<JsonObject> out, List<String> ids, AssetSnapshot assets) {
        for (String id : ids) {
            JsonObject action = assets.actions().get(id);
            if (action != null) out.add(action);
        }
    }

    /** The action's target, or null (requests then get 503) when its endpoint is empty or unusable. */
    private static RoutingTarget routingTarget(JsonObject action) {
        JsonArray params = action.getJsonArray("parameters");
        try {
            return RoutingTarget.parse(PolicyActions.value(params, "endpointUri", null),
                PolicyActions.value(params, "method", "CUSTOM"));
        } catch (IllegalArgumentException e) {
            LOG.warn("routing action {} is not usable: {}", action.getString("id"), e.getMessage());
            return null;
        }
    }
}
