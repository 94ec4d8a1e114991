package dev.apigw.emulator.archive;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an export takes: for each kind of asset, everything, the listed ids, or the assets a search scope matches;
 * and whether the applications registered to the exported APIs come along. Dependencies always come along (an API
 * brings its policies, their actions and the aliases they name). Built from the GET parameters
 * ({@link #fromQuery}), from a search body ({@link #fromSearch}), or in code ({@link #of}, {@link #everything}).
 * Immutable.
 */
public final class ExportSelection {
    /** The GET parameters that select assets, by the kind they select. */
    static final Map<String, AssetType> PARAMETERS = parameters();
    /** The search body's {@code types} the emulator holds assets of (matched case-insensitively). */
    static final Map<String, AssetType> SEARCH_TYPES = Map.ofEntries(Map.entry("api", AssetType.APIS),
        Map.entry("policy", AssetType.POLICIES), Map.entry("policy_action", AssetType.POLICY_ACTIONS),
        Map.entry("application", AssetType.APPLICATIONS), Map.entry("alias", AssetType.ALIASES), Map.entry("plan", AssetType.PLANS),
        Map.entry("package", AssetType.PACKAGES), Map.entry("administrator_setting", AssetType.SETTINGS),
        Map.entry("users", AssetType.USERS), Map.entry("user", AssetType.USERS), Map.entry("groups", AssetType.GROUPS),
        Map.entry("group", AssetType.GROUPS), Map.entry("accessprofiles", AssetType.ACCESS_PROFILES),
        Map.entry("gateway_scope", AssetType.GATEWAY_SCOPES), Map.entry("oauth2_scope_data", AssetType.GATEWAY_SCOPES),
        Map.entry("strategy", AssetType.STRATEGIES));

    /** The kind a search body's or promotion's asset type names ({@code api}, {@code USERS}, ...), or null. */
    public static AssetType searchType(String type) {
        return type == null ? null : SEARCH_TYPES.get(type.toLowerCase(Locale.ROOT));
    }

    /**
     * The assets of one kind to take: {@code ids == null} means every one the filter accepts; {@code from} and
     * {@code size} page the matches (ordered by id) as the search API does, {@code size < 0} = all.
     */
    record Selector(Set<String> ids, Predicate<JsonObject> filter, int from, int size) {
        static final Selector ALL = new Selector(null, a -> true, 0, -1);
    }

    private final Map<AssetType, Selector> selectors;
    private final boolean includeApplications;
    private final boolean includeApis;

    private ExportSelection(Map<AssetType, Selector> selectors, boolean includeApplications, boolean includeApis) {
        this.selectors = Map.copyOf(selectors);
        this.includeApplications = includeApplications;
        this.includeApis = includeApis;
    }

    private static Map<String, AssetType> parameters() {
        Map<String, AssetType> m = new LinkedHashMap<>();
        m.put("apis", AssetType.APIS);
        m.put("policies", AssetType.POLICIES);
        m.put("policyactions", AssetType.POLICY_ACTIONS);
        m.put("applications", AssetType.APPLICATIONS);
        m.put("aliases", AssetType.ALIASES);
        m.put("plans", AssetType.PLANS);
        m.put("packages", AssetType.PACKAGES);
        m.put("configurations", AssetType.SETTINGS);
        m.put("users", AssetType.USERS);
        m.put("groups", AssetType.GROUPS);
        m.put("accessprofiles", AssetType.ACCESS_PROFILES);
        m.put("gatewayscopes", AssetType.GATEWAY_SCOPES);
        m.put("strategies", AssetType.STRATEGIES);
        return m;
    }

    /** Every asset of every kind an archive carries. */
    public static ExportSelection everything() {
        Map<AssetType, Selector> all = new EnumMap<>(AssetType.class);
        for (AssetType t : PARAMETERS.values()) all.put(t, Selector.ALL);
        return new ExportSelection(all, true, false);
    }

    /** The listed ids of each kind ({@code "*"} in a list = all of that kind); an id that does not exist is a 400. */
    public static ExportSelection of(Map<AssetType, ? extends Collection<String>> ids, boolean includeApplications) {
        Map<AssetType, Selector> m = new EnumMap<>(AssetType.class);
        ids.forEach((type, list) -> m.put(type, list.contains("*") ? Selector.ALL
            : new Selector(new LinkedHashSet<>(list), a -> true, 0, -1)));
        return new ExportSelection(m, includeApplications, false);
    }

    /**
     * {@code GET /archive}: selector parameters (names case-insensitive, values comma lists or repeated, {@code *} =
     * all) and {@code include-applications=true}. Parameters for kinds the emulator keeps none of ({@code keyStores},
     * {@code urlAliases}, ...) select nothing; {@code strategies} is the emulator's own (the product exports an
     * application's strategies with it). No selector at all exports everything.
     */
    public static ExportSelection fromQuery(Map<String, List<String>> params) {
        Map<AssetType, Set<String>> ids = new EnumMap<>(AssetType.class);
        boolean includeApps = false;
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("include-applications")) includeApps = p.getValue().stream().anyMatch("true"::equalsIgnoreCase);
            AssetType type = PARAMETERS.get(name);
            if (type == null) continue;
            for (String value : p.getValue()) {
                for (String id : value.split(",")) if (!id.isBlank()) ids.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(id.trim());
            }
        }
        return ids.isEmpty() ? everything() : of(ids, includeApps);
    }

    /**
     * {@code POST /archive} with {@code x-HTTP-Method-Override: GET}: a search body. {@code {}} (or no
     * {@code types}) exports everything; {@code types} are matched case-insensitively; {@code scope} entries are
     * regular expressions on attributes, combined by {@code condition} ({@code and} unless {@code or}); applications
     * registered to exported APIs come along unless {@code includeOptions.includeApplications} is false (real
     * exports by type and id carry them).
     */
    public static ExportSelection fromSearch(JsonObject body) {
        JsonObject options = body.getValue("includeOptions") instanceof JsonObject o ? o : new JsonObject();
        boolean includeAll = Boolean.TRUE.equals(options.getValue("includeAll"));
        boolean includeApps = includeAll || !Boolean.FALSE.equals(options.getValue("includeApplications"));
        boolean includeApis = includeAll || Boolean.TRUE.equals(options.getValue("includeApis"));
        Object types = body.getValue("types");
        if (types == null) return new ExportSelection(everything().selectors, includeApps, includeApis);
        if (!(types instanceof JsonArray list)) throw GatewayException.invalidPayload("'types' must be an array of asset types");
        Predicate<JsonObject> filter = ScopeFilter.parse(body);
        int from = Math.max(0, number(body, "from", 0));
        int size = number(body, "size", -1);
        Map<AssetType, Selector> m = new EnumMap<>(AssetType.class);
        for (Object t : list) {
            AssetType type = SEARCH_TYPES.get(String.valueOf(t).toLowerCase(Locale.ROOT));
            if (type != null) m.put(type, new Selector(null, filter, from, size));
        }
        return new ExportSelection(m, includeApps, includeApis);
    }

    private static int number(JsonObject body, String key, int fallback) {
        Object v = body.getValue(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.intValue();
        throw GatewayException.invalidPayload("'" + key + "' must be a number");
    }

    Map<AssetType, Selector> selectors() {
        return selectors;
    }

    boolean includeApplications() {
        return includeApplications;
    }

    boolean includeApis() {
        return includeApis;
    }
}
