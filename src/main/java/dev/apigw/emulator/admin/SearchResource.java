package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.AdminConfig;
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
 * {@code /rest/facade/apigateway/searchApis}. Results are keyed by upper-case type (lower case for counts), as the
 * product answers. Types the emulator keeps no assets of answer with an empty list.
 */
final class SearchResource {
    private static final Map<String, AssetType> STORED = Map.of("API", AssetType.APIS, "POLICY", AssetType.POLICIES,
        "POLICY_ACTION", AssetType.POLICY_ACTIONS, "APPLICATION", AssetType.APPLICATIONS);
    /** Character reads one search request may make: with RE2/J's linear matching, some seconds of CPU at most. */
    static final long MAX_READS = 200_000_000L;
    private final Vertx vertx;
    private final AssetStore store;
    private final AdminConfig admin;
    private final long budgetMs;

    SearchResource(Vertx vertx, AssetStore store, AdminConfig admin, long budgetMs) {
        this.vertx = vertx;
        this.store = store;
        this.admin = admin;
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
                else out.put(type, hits);
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
     * request: {@code limits.searchBudgetMs} and {@link #MAX_READS} character reads.
     */
    private Future<Map<String, JsonArray>> run(SearchQuery query) {
        Map<String, List<JsonObject>> loaded = new java.util.LinkedHashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String type : query.types()) {
            chain = chain.compose(v -> load(type)).map(docs -> {
                loaded.put(type, docs);
                return null;
            });
        }
        return chain.compose(v -> vertx.executeBlocking(() -> {
            BoundedText.Budget budget = new BoundedText.Budget(MAX_READS, budgetMs);
            Map<String, JsonArray> results = new java.util.LinkedHashMap<>();
            loaded.forEach((type, docs) -> results.put(type, isUser(type) ? new JsonArray().add(admin.username())
                : page(docs.stream().filter(d -> query.matches(d, budget))
                    .sorted((a, b) -> Docs.text(a, "id", "").compareTo(Docs.text(b, "id", ""))).toList(), query)));
            return results;
        }, false));
    }

    private static boolean isUser(String type) {
        return type.equals("USER") || type.equals("USERS");
    }

    private Future<List<JsonObject>> load(String type) {
        AssetType stored = STORED.get(type);
        if (stored == null) return Future.succeededFuture(List.of());
        return store.list(stored).map(all -> all.stream()
            .map(a -> stored == AssetType.APPLICATIONS ? dev.apigw.emulator.model.Applications.publicView(a) : a).toList());
    }

    private static JsonArray page(List<JsonObject> matched, SearchQuery query) {
        JsonArray out = new JsonArray();
        matched.stream().skip(query.from()).limit(query.size() < 0 ? Long.MAX_VALUE : query.size())
            .forEach(a -> out.add(query.project(a)));
        return out;
    }
}
