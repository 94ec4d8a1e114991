package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.BoundedText;
import dev.apigw.emulator.iam.BuiltInPrincipals;
import dev.apigw.emulator.iam.UserDirectory;
import dev.apigw.emulator.model.Docs;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /rest/apigateway/search} and {@code /search/_count}, and the UI facade
 * {@code /rest/facade/apigateway/searchApis}. Results are keyed by lower-case type ({@code "api"}), as real clients
 * read them (upper case with {@code compat.searchResultKeys: upper}, as the swagger example shows); counts always by
 * lower case. Types the emulator keeps no assets of answer with an empty list.
 */
final class SearchResource {
    private static final Map<String, AssetType> STORED = Map.ofEntries(Map.entry("API", AssetType.APIS),
        Map.entry("POLICY", AssetType.POLICIES), Map.entry("POLICY_ACTION", AssetType.POLICY_ACTIONS),
        Map.entry("APPLICATION", AssetType.APPLICATIONS), Map.entry("ALIAS", AssetType.ALIASES),
        Map.entry("PLAN", AssetType.PLANS), Map.entry("PACKAGE", AssetType.PACKAGES),
        Map.entry("GATEWAY_SCOPE", AssetType.GATEWAY_SCOPES), Map.entry("ACCESSPROFILES", AssetType.ACCESS_PROFILES));
    /** Character reads one search request may make: with RE2/J's linear matching, some seconds of CPU at most. */
    static final long MAX_READS = 200_000_000L;
    private final Vertx vertx;
    private final AssetStore store;
    private final UserDirectory users;
    private final boolean upperCaseKeys;
    private final long budgetMs;

    /**
     * @param upperCaseKeys key results by upper-case type ({@code compat.searchResultKeys: upper})
     * @param budgetMs how long the keyword matching of one request may take ({@code limits.searchBudgetMs})
     */
    SearchResource(Vertx vertx, AssetStore store, UserDirectory users, boolean upperCaseKeys, long budgetMs) {
        this.vertx = vertx;
        this.store = store;
        this.users = users;
        this.upperCaseKeys = upperCaseKeys;
        this.budgetMs = budgetMs;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        String facade = AdminApi.FACADE;
        router.post(base + "/search").handler(ctx -> search(ctx, false));
        router.post(base + "/search/_count").handler(ctx -> search(ctx, true));
        router.post(facade + "/searchApis").handler(this::facadeSearch);
        router.get(facade + "/searchApis").handler(this::facadeSearch);
    }

    private void search(RoutingContext ctx, boolean count) {
        SearchQuery query = SearchQuery.parse(Bodies.json(ctx));
        run(query).onSuccess(results -> {
            JsonObject out = new JsonObject();
            results.forEach((type, hits) -> {
                if (count) out.put(type.toLowerCase(), hits.size());
                else out.put(upperCaseKeys ? type : type.toLowerCase(), hits);
            });
            Bodies.ok(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    /** The UI facade: a search body limited to APIs, or {@code ?keyword=<regex>} matched against API names. */
    private void facadeSearch(RoutingContext ctx) {
        JsonObject body;
        if (ctx.request().method().name().equals("GET") || ctx.body() == null || ctx.body().length() == 0) {
            String keyword = ctx.queryParams().get("keyword") == null ? ".*" : ctx.queryParams().get("keyword");
            body = new JsonObject().put("condition", "or").put("scope", new JsonArray()
                .add(new JsonObject().put("attributeName", "apiName").put("keyword", keyword)));
        } else {
            body = Bodies.json(ctx);
            if (!body.containsKey("condition")) body.put("condition", "or");
        }
        body.put("types", new JsonArray().add("api"));
        run(SearchQuery.parse(body)).onSuccess(r -> Bodies.ok(ctx, 200, new JsonObject().put("API", r.get("API"))))
            .onFailure(ctx::fail);
    }

    /**
     * Loads the requested types, then matches on a worker thread (never an event loop) within one budget for the whole
     * request: {@code limits.searchBudgetMs} and {@link #MAX_READS} character reads. Users and groups answer their ids.
     */
    private Future<Map<String, JsonArray>> run(SearchQuery query) {
        Map<String, JsonArray> listed = new java.util.HashMap<>();
        Map<String, List<JsonObject>> loaded = new java.util.HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String type : query.types()) {
            chain = chain.compose(v -> listed(type)).compose(ids -> {
                if (ids != null) {
                    listed.put(type, ids);
                    return Future.succeededFuture();
                }
                return load(type).map(docs -> {
                    loaded.put(type, docs);
                    return null;
                });
            });
        }
        return chain.compose(v -> vertx.executeBlocking(() -> {
            BoundedText.Budget budget = new BoundedText.Budget(MAX_READS, budgetMs);
            Map<String, JsonArray> results = new java.util.LinkedHashMap<>();
            for (String type : query.types()) {
                results.put(type, listed.containsKey(type) ? listed.get(type)
                    : page(loaded.get(type).stream().filter(d -> query.matches(d, budget))
                        .sorted((a, b) -> Docs.text(a, "id", "").compareTo(Docs.text(b, "id", ""))).toList(), query));
            }
            return results;
        }, false));
    }

    /** The ids of users or groups, answered whatever the scope; null for the other types. */
    private Future<JsonArray> listed(String type) {
        if (type.equals("USER") || type.equals("USERS")) return Future.succeededFuture(new JsonArray(users.logins()));
        if (type.equals("GROUP") || type.equals("GROUPS")) return groups();
        return Future.succeededFuture();
    }

    private Future<List<JsonObject>> load(String type) {
        AssetType stored = STORED.get(type);
        if (stored == null) return Future.succeededFuture(List.of());
        return store.list(stored).map(all -> all.stream()
            .map(a -> stored == AssetType.APPLICATIONS ? dev.apigw.emulator.model.Applications.publicView(a) : a).toList());
    }

    /** Group ids, as the product lists them: the system groups, then the stored ones. */
    private Future<JsonArray> groups() {
        return store.list(AssetType.GROUPS).map(stored -> {
            java.util.Set<String> ids = new java.util.LinkedHashSet<>();
            BuiltInPrincipals.groups(users.adminLogin()).forEach(g -> ids.add(g.getString("id")));
            stored.forEach(g -> ids.add(Docs.text(g, "id", "")));
            return new JsonArray(new java.util.ArrayList<>(ids));
        });
    }

    private static JsonArray page(List<JsonObject> matched, SearchQuery query) {
        JsonArray out = new JsonArray();
        matched.stream().skip(query.from()).limit(query.size() < 0 ? Long.MAX_VALUE : query.size())
            .forEach(a -> out.add(query.project(a)));
        return out;
    }
}
