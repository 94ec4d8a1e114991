package dev.apigw.emulator.deploy;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.DesignTime;
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
    private final String aliasStage;

    public RouteCompiler(List<PolicyFactory> factories) {
        this(factories, List.of());
    }

    /** @param lmtSystemPolicies policies every API enforces at the end of stage LMT (e.g. subscription quotas) */
    public RouteCompiler(List<PolicyFactory> factories, List<Policy> lmtSystemPolicies) {
        this(factories, lmtSystemPolicies, "");
    }

    /** @param aliasStage the stage this node plays: aliases of that stage win over stage-less ones of the same name */
    public RouteCompiler(List<PolicyFactory> factories, List<Policy> lmtSystemPolicies, String aliasStage) {
        for (PolicyFactory f : factories) this.factories.put(f.templateKey(), f);
        this.lmtSystemPolicies = List.copyOf(lmtSystemPolicies);
        this.aliasStage = aliasStage;
    }

    public RouteTable compile(AssetSnapshot assets) {
        List<JsonObject> globals = assets.policies().values().stream()
            .filter(p -> Policies.isGlobal(p) && p.getBoolean("active", false)).toList();
        List<CompiledApi> table = new ArrayList<>();
        DesignTime design = new SnapshotDesignTime(assets, aliasStage);
        for (JsonObject api : assets.apis()) {
            if (!Boolean.TRUE.equals(Lenient.bool(api.getValue("isActive")))) continue;
            try {
                CompiledApi compiled = compileApi(api, globals, assets, design);
                table.add(compiled);
            } catch (RuntimeException e) {
                // one unusable API (a bad endpoint, a malformed action stored by an older version or another node)
                // must not stop every other API from deploying, nor freeze the table at its previous state
                LOG.warn("API {} {} cannot be served: {}", api.getString("apiName"), api.getString("apiVersion"), e.getMessage());
            }
        }
        return new RouteTable(table);
    }

    private CompiledApi compileApi(JsonObject api, List<JsonObject> globals, AssetSnapshot assets, DesignTime design) {
        JsonObject service = servicePolicy(api, assets);
        List<Policy> chain = new ArrayList<>();
        RoutingTarget routing = null;
        for (String stage : Policies.STAGE_ORDER) {
            for (JsonObject action : stageActions(stage, service, globals, assets)) {
                String key = action.getString("templateKey", "");
                if (key.equals(PolicyActions.ROUTING)) {
                    if (routing == null) routing = routingTarget(action, design);
                    continue;
                }
                PolicyFactory factory = factories.get(key);
                if (factory != null) chain.add(factory.create(action, api, design));
            }
            if (stage.equals("LMT")) chain.addAll(lmtSystemPolicies);
        }
        JsonObject definition = api.getJsonObject("apiDefinition", new JsonObject());
        return new CompiledApi(api.getString("id"), api.getString("apiName"), api.getString("apiVersion"),
            ResourceMatcher.fromPaths(definition.getJsonObject("paths")), new PolicyChain(chain), routing,
            MockCompiler.compile(api));
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

    /**
     * The action's target, with {@code ${Alias}} references resolved through the aliases in force, or null (requests
     * then get 503) when its endpoint is empty, names an alias that does not exist, or is otherwise unusable.
     */
    private static RoutingTarget routingTarget(JsonObject action, DesignTime design) {
        JsonArray params = action.getJsonArray("parameters");
        try {
            return RoutingTarget.parse(design.resolve(PolicyActions.value(params, "endpointUri", null)),
                PolicyActions.value(params, "method", "CUSTOM"));
        } catch (IllegalArgumentException e) {
            LOG.warn("routing action {} is not usable: {}", action.getString("id"), e.getMessage());
            return null;
        }
    }
}
