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
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.SkippedAssets.Skipped;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(RouteCompiler.class);
    private final Map<String, PolicyFactory> factories = new HashMap<>();
    private final List<Policy> lmtSystemPolicies;
    private final String aliasStage;

    /** The table and what had to be left out of it. */
    public record Result(RouteTable table, List<Skipped> skipped) {
    }

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

    public Result compile(AssetSnapshot assets) {
        List<Skipped> skipped = new ArrayList<>();
        DesignTime design = new SnapshotDesignTime(assets, aliasStage);
        Map<String, List<JsonObject>> globals = globalActions(assets, design, skipped);
        List<CompiledApi> table = new ArrayList<>();
        for (JsonObject api : assets.apis()) {
            try {
                if (!Boolean.TRUE.equals(Lenient.bool(api.getValue("isActive")))) continue;
                table.add(compileApi(api, globals, assets, design));
            } catch (RuntimeException e) {
                // one unusable API (a bad definition, a malformed action stored by an older version, another node or
                // a hand-edited file) must not stop every other API from deploying
                skipped.add(new Skipped(AssetType.APIS, String.valueOf(api.getValue("id")), "not served: " + reason(e)));
            }
        }
        return new Result(new RouteTable(table), skipped);
    }

    /** The actions of every active global policy by stage, each one checked once; bad ones are left out. */
    private Map<String, List<JsonObject>> globalActions(AssetSnapshot assets, DesignTime design, List<Skipped> skipped) {
        Map<String, List<JsonObject>> byStage = new LinkedHashMap<>();
        for (JsonObject policy : assets.policies().values()) {
            try {
                if (!Policies.isGlobal(policy) || !Boolean.TRUE.equals(Lenient.bool(policy.getValue("active")))) continue;
                for (String stage : Policies.STAGE_ORDER) {
                    for (JsonObject action : actions(Policies.actionIds(policy, stage), assets)) {
                        if (usableGlobally(action, policy, design, skipped)) byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(action);
                    }
                }
            } catch (RuntimeException e) {
                skipped.add(new Skipped(AssetType.POLICIES, String.valueOf(policy.getValue("id")),
                    "global policy not enforced: " + reason(e)));
            }
        }
        return byStage;
    }

    private boolean usableGlobally(JsonObject action, JsonObject policy, DesignTime design, List<Skipped> skipped) {
        try {
            String key = templateKey(action);
            PolicyFactory factory = factories.get(key);
            if (factory != null) factory.create(action, null, design);
            else if (key.equals(PolicyActions.ROUTING)) routingTarget(action, design);
            return true;
        } catch (RuntimeException e) {
            skipped.add(new Skipped(AssetType.POLICY_ACTIONS, String.valueOf(action.getValue("id")),
                "not enforced by global policy " + policy.getValue("id") + ": " + reason(e)));
            return false;
        }
    }

    private CompiledApi compileApi(JsonObject api, Map<String, List<JsonObject>> globals, AssetSnapshot assets,
                                   DesignTime design) {
        JsonObject service = servicePolicy(api, assets);
        List<Policy> chain = new ArrayList<>();
        RoutingTarget routing = null;
        for (String stage : Policies.STAGE_ORDER) {
            List<JsonObject> stageActions = new ArrayList<>(globals.getOrDefault(stage, List.of()));
            if (service != null) stageActions.addAll(actions(Policies.actionIds(service, stage), assets));
            for (JsonObject action : stageActions) {
                String key = templateKey(action);
                if (key.equals(PolicyActions.ROUTING)) {
                    if (routing == null) routing = routingTarget(action, design);
                    continue;
                }
                PolicyFactory factory = factories.get(key);
                if (factory != null) chain.add(create(factory, action, api, design));
            }
            if (stage.equals("LMT")) chain.addAll(lmtSystemPolicies);
        }
        JsonObject definition = api.getJsonObject("apiDefinition", new JsonObject());
        return new CompiledApi(api.getString("id"), api.getString("apiName"), api.getString("apiVersion"),
            ResourceMatcher.fromPaths(definition.getJsonObject("paths")), new PolicyChain(chain), routing,
            MockCompiler.compile(api));
    }

    private static Policy create(PolicyFactory factory, JsonObject action, JsonObject api, DesignTime design) {
        try {
            return factory.create(action, api, design);
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

    /**
     * The action's target, with {@code ${Alias}} references resolved through the aliases in force, or null (requests
     * then get 503) when its endpoint is empty or names an alias that does not exist (or resolves to nothing usable).
     * Any other unusable endpoint (an older version stored it) fails the API, since routing is its purpose.
     */
    private static RoutingTarget routingTarget(JsonObject action, DesignTime design) {
        JsonArray params = action.getJsonArray("parameters");
        String uri = PolicyActions.value(params, "endpointUri", null);
        // an empty endpoint is the placeholder of an API created without a server URL: requests get 503
        if (uri == null || uri.isBlank()) return null;
        try {
            return RoutingTarget.parse(design.resolve(uri), PolicyActions.value(params, "method", "CUSTOM"));
        } catch (IllegalArgumentException e) {
            if (uri.contains("${")) { // the aliases in force decide: a missing one routes nowhere until it is created
                LOG.warn("routing action {} is not usable: {}", action.getValue("id"), e.getMessage());
                return null;
            }
            throw new IllegalArgumentException("routing action " + action.getValue("id") + ": " + e.getMessage());
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof ClassCastException ? "a field has the wrong JSON type" : String.valueOf(e.getMessage());
    }
}
