package dev.apigw.emulator.archive;

import dev.apigw.emulator.archive.ExportSelection.Selector;
import dev.apigw.emulator.archive.ExportTree.PolicyNode;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a selection and the store's documents into an {@link ExportTree}: the selected assets plus what they depend
 * on (an API's SERVICE and SCOPE policies, their actions, the aliases the actions name as {@code ${alias}}, and with
 * include-applications the applications registered to the API). An id that resolves to nothing is a 400, as in the
 * product. Runs on a worker thread; pure computation.
 */
final class ExportResolver {
    /** Runtime data, not configuration: exported only when named (a migration of logs and events asks for it). */
    static final String QUOTA_COUNTERS = "quotaAccumulator";
    private static final Pattern ALIAS_REFERENCE = Pattern.compile("\\$\\{([^}:]+)}");

    private final Map<AssetType, Map<String, JsonObject>> byId = new LinkedHashMap<>();
    private final ExportTree tree = new ExportTree();
    private final Set<String> placedPolicies = new HashSet<>();
    private final Set<String> placedActions = new HashSet<>();

    private ExportResolver(Map<AssetType, List<JsonObject>> documents) {
        documents.forEach((type, docs) -> {
            Map<String, JsonObject> m = new TreeMap<>();
            for (JsonObject d : docs) if (d.getString("id") != null) m.put(d.getString("id"), d);
            byId.put(type, m);
        });
    }

    static ExportTree resolve(ExportSelection selection, Map<AssetType, List<JsonObject>> documents) {
        return new ExportResolver(documents).build(selection);
    }

    private ExportTree build(ExportSelection selection) {
        Map<AssetType, List<JsonObject>> selected = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        selection.selectors().forEach((type, selector) -> selected.put(type, select(type, selector, unresolved)));
        if (!unresolved.isEmpty()) {
            throw GatewayException.admin(400, "UNRESOLVED_IDS", "Unable to export: these identifiers cannot be resolved: "
                + String.join(", ", unresolved));
        }
        Set<JsonObject> apis = new LinkedHashSet<>(selected.getOrDefault(AssetType.APIS, List.of()));
        Set<JsonObject> apps = new LinkedHashSet<>(selected.getOrDefault(AssetType.APPLICATIONS, List.of()));
        if (selection.includeApis()) for (JsonObject app : apps) apis.addAll(docs(AssetType.APIS, Applications.consumingApis(app)));
        Map<String, List<JsonObject>> byApi = byApi(byId.getOrDefault(AssetType.APPLICATIONS, Map.of()).values());
        if (selection.includeApplications()) for (JsonObject api : apis) apps.addAll(byApi.getOrDefault(api.getString("id"), List.of()));
        Map<String, List<JsonObject>> exportedByApi = byApi(apps);
        for (JsonObject api : apis) {
            tree.apis.add(new ExportTree.ApiNode(api, unplaced(AssetRefs.apiPolicies(api)),
                exportedByApi.getOrDefault(api.getString("id"), List.of())));
        }
        for (JsonObject p : selected.getOrDefault(AssetType.POLICIES, List.of())) {
            if (!placedPolicies.contains(p.getString("id"))) {
                (Policies.isGlobal(p) ? tree.globalPolicies : tree.policies).add(place(p));
            }
        }
        for (JsonObject plan : selected.getOrDefault(AssetType.PLANS, List.of())) {
            tree.plans.add(new ExportTree.PlanNode(plan, unplaced(AssetRefs.planPolicies(plan))));
        }
        for (JsonObject a : selected.getOrDefault(AssetType.POLICY_ACTIONS, List.of())) {
            if (placedActions.add(a.getString("id"))) tree.actions.add(a);
        }
        tree.applications.addAll(apps);
        tree.aliases.addAll(aliases(selected.getOrDefault(AssetType.ALIASES, List.of())));
        tree.packages.addAll(selected.getOrDefault(AssetType.PACKAGES, List.of()));
        tree.settings.addAll(selected.getOrDefault(AssetType.SETTINGS, List.of()));
        tree.strategies.addAll(strategies(selected.getOrDefault(AssetType.STRATEGIES, List.of()), apps));
        tree.scopes.addAll(selected.getOrDefault(AssetType.GATEWAY_SCOPES, List.of()));
        tree.users.addAll(selected.getOrDefault(AssetType.USERS, List.of()));
        tree.groups.addAll(selected.getOrDefault(AssetType.GROUPS, List.of()));
        tree.profiles.addAll(selected.getOrDefault(AssetType.ACCESS_PROFILES, List.of()));
        return tree;
    }

    private List<JsonObject> select(AssetType type, Selector selector, List<String> unresolved) {
        Map<String, JsonObject> all = byId.getOrDefault(type, Map.of());
        if (selector.ids() != null) {
            List<JsonObject> out = new ArrayList<>();
            for (String id : selector.ids()) {
                if (all.containsKey(id)) out.add(all.get(id));
                else unresolved.add(id);
            }
            return out;
        }
        return all.values().stream()
            .filter(d -> type != AssetType.SETTINGS || !QUOTA_COUNTERS.equals(d.getString("id")))
            .filter(d -> selector.filter().test(searchView(type, d)))
            .skip(selector.from()).limit(selector.size() < 0 ? Long.MAX_VALUE : selector.size()).toList();
    }

    /** The attributes a search scope may name: the stored document plus the product's names for its id. */
    private static JsonObject searchView(AssetType type, JsonObject doc) {
        if (type == AssetType.SETTINGS) return doc.copy().put("configId", doc.getString("id"));
        if (type == AssetType.APPLICATIONS) return doc.copy().put("applicationID", doc.getString("id"));
        return doc;
    }

    private List<JsonObject> docs(AssetType type, List<String> ids) {
        List<JsonObject> out = new ArrayList<>();
        for (String id : ids) if (byId.getOrDefault(type, Map.of()).containsKey(id)) out.add(byId.get(type).get(id));
        return out;
    }

    /** Applications by the APIs they are registered to, each list ordered by application id. */
    private static Map<String, List<JsonObject>> byApi(java.util.Collection<JsonObject> apps) {
        Map<String, List<JsonObject>> m = new HashMap<>();
        for (JsonObject app : apps) {
            for (String apiId : Applications.consumingApis(app)) m.computeIfAbsent(apiId, k -> new ArrayList<>()).add(app);
        }
        m.values().forEach(list -> list.sort(Comparator.comparing(a -> a.getString("id"))));
        return m;
    }

    private List<PolicyNode> unplaced(List<String> policyIds) {
        List<PolicyNode> out = new ArrayList<>();
        for (JsonObject p : docs(AssetType.POLICIES, policyIds)) if (!placedPolicies.contains(p.getString("id"))) out.add(place(p));
        return out;
    }

    private PolicyNode place(JsonObject policy) {
        placedPolicies.add(policy.getString("id"));
        List<JsonObject> actions = docs(AssetType.POLICY_ACTIONS, Policies.allActionIds(policy));
        actions.forEach(a -> placedActions.add(a.getString("id")));
        return new PolicyNode(policy, actions);
    }

    /** The selected strategies and those the exported applications use ({@code authStrategyIds}), each once. */
    private List<JsonObject> strategies(List<JsonObject> selected, Set<JsonObject> apps) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        selected.forEach(s -> out.put(s.getString("id"), s));
        for (JsonObject app : apps) {
            if (!(app.getValue("authStrategyIds") instanceof JsonArray ids)) continue;
            List<String> named = ids.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            docs(AssetType.STRATEGIES, named).forEach(s -> out.putIfAbsent(s.getString("id"), s));
        }
        return new ArrayList<>(out.values());
    }

    /** The selected aliases and those the exported policy actions name ({@code ${name}}), each once. */
    private List<JsonObject> aliases(List<JsonObject> selected) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        selected.forEach(a -> out.put(a.getString("id"), a));
        Set<String> named = new HashSet<>();
        for (String actionId : placedActions) {
            JsonObject action = byId.getOrDefault(AssetType.POLICY_ACTIONS, Map.of()).get(actionId);
            if (action != null) named.addAll(aliasNames(action));
        }
        for (JsonObject alias : byId.getOrDefault(AssetType.ALIASES, Map.of()).values()) {
            if (named.contains(alias.getString("name")) || named.contains(alias.getString("id"))) out.putIfAbsent(alias.getString("id"), alias);
        }
        return new ArrayList<>(out.values());
    }

    /** The names an action refers to as {@code ${name}} ({@code ${sys:...}} and other variables have a colon). */
    static Set<String> aliasNames(JsonObject action) {
        Set<String> names = new HashSet<>();
        Matcher m = ALIAS_REFERENCE.matcher(action.encode());
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
