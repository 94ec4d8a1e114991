package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.AdminConfig;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /rest/apigateway/search} and {@code /search/_count}, and the UI facade
 * {@code /rest/facade/apigateway/searchApis}. Results are keyed by upper-case type (lower case for counts), as the
 * product answers. Types the emulator keeps no assets of answer with an empty list. Event types
 * ({@code TRANSACTION_EVENTS}, ...) are answered by {@link EventSearchResource}.
 */
final class SearchResource {
    private static final Map<String, AssetType> STORED = Map.of("API", AssetType.APIS, "POLICY", AssetType.POLICIES,
        "POLICY_ACTION", AssetType.POLICY_ACTIONS, "APPLICATION", AssetType.APPLICATIONS);
    private final AssetStore store;
    private final AdminConfig admin;
    private final EventSearchResource events;

    SearchResource(AssetStore store, AdminConfig admin, EventSearchResource events) {
        this.store = store;
        this.admin = admin;
        this.events = events;
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
        JsonObject body = Bodies.json(ctx);
        EventSearchResource.Part events = this.events.take(body); // event types leave body.types: the rest are assets
        if (events.only()) {
            events.answer(count).onSuccess(out -> Bodies.ok(ctx, 200, out)).onFailure(ctx::fail);
            return;
        }
        SearchQuery query = SearchQuery.parse(body);
        run(query).compose(results -> events.answer(count).map(found -> {
            JsonObject out = new JsonObject();
            results.forEach((type, hits) -> {
                if (count) out.put(type.toLowerCase(), hits.size());
                else out.put(type, hits);
            });
            return out.mergeIn(found);
        })).onSuccess(out -> Bodies.ok(ctx, 200, out)).onFailure(ctx::fail);
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

    private Future<Map<String, JsonArray>> run(SearchQuery query) {
        Map<String, JsonArray> results = new java.util.LinkedHashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String type : query.types()) {
            chain = chain.compose(v -> hits(type, query)).map(hits -> {
                results.put(type, hits);
                return null;
            });
        }
        return chain.map(results);
    }

    private Future<JsonArray> hits(String type, SearchQuery query) {
        if (type.equals("USER") || type.equals("USERS")) return Future.succeededFuture(new JsonArray().add(admin.username()));
        AssetType stored = STORED.get(type);
        if (stored == null) return Future.succeededFuture(new JsonArray());
        return store.list(stored).map(all -> page(all.stream()
            .map(a -> stored == AssetType.APPLICATIONS ? dev.apigw.emulator.model.Applications.publicView(a) : a)
            .filter(query::matches)
            .sorted((a, b) -> a.getString("id", "").compareTo(b.getString("id", ""))).toList(), query));
    }

    private static JsonArray page(List<JsonObject> matched, SearchQuery query) {
        JsonArray out = new JsonArray();
        matched.stream().skip(query.from()).limit(query.size() < 0 ? Long.MAX_VALUE : query.size())
            .forEach(a -> out.add(query.project(a)));
        return out;
    }
}
