package dev.apigw.emulator.admin;

import dev.apigw.emulator.events.EventType;
import dev.apigw.emulator.events.Events;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Searches over runtime events: the event types of {@code POST /search} and {@code /search/_count} (handed over by
 * {@link SearchResource}, which answers the asset types), {@code POST /search/_aggregations}, and
 * {@code GET /transactionalEvents/_search} and {@code /_count} (also under the documentation's spelling
 * {@code /transactionEvents}).
 */
final class EventSearchResource {
    private final Events events;

    EventSearchResource(Events events) {
        this.events = events;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.post(base + "/search/_aggregations").handler(this::aggregations);
        for (String path : List.of("/transactionalEvents", "/transactionEvents")) {
            router.get(base + path + "/_search").handler(ctx -> events.transactions().search(params(ctx))
                .onSuccess(out -> Bodies.ok(ctx, 200, out)).onFailure(ctx::fail));
            router.get(base + path + "/_count").handler(ctx -> events.transactions().count(params(ctx))
                .onSuccess(out -> Bodies.ok(ctx, 200, out)).onFailure(ctx::fail));
        }
    }

    /** The event types of a search body, taken out of its {@code types}; what stays there is for the asset search. */
    Part take(JsonObject body) {
        if (!(body.getValue("types") instanceof JsonArray types) || types.isEmpty()) return new Part(body, List.of(), false);
        List<EventType> found = new ArrayList<>();
        for (Iterator<Object> it = types.iterator(); it.hasNext(); ) {
            EventType t = it.next() instanceof String s ? EventType.ofSearchType(s) : null;
            if (t == null) continue;
            if (!found.contains(t)) found.add(t);
            it.remove();
        }
        return new Part(body, found, !found.isEmpty() && types.isEmpty());
    }

    /** The event part of one search: answered by the events service, merged with the asset part by the caller. */
    final class Part {
        private final JsonObject body;
        private final List<EventType> types;
        private final boolean only;

        Part(JsonObject body, List<EventType> types, boolean only) {
            this.body = body;
            this.types = types;
            this.only = only;
        }

        /** The search named event types only: no asset search runs. */
        boolean only() {
            return only;
        }

        /** The search named no event type. */
        boolean none() {
            return types.isEmpty();
        }

        Future<JsonObject> answer(boolean count) {
            if (types.isEmpty()) return Future.succeededFuture(new JsonObject());
            return count ? events.search().count(body, types) : events.search().search(body, types);
        }
    }

    private void aggregations(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        JsonObject others = new JsonObject();
        if (body.getValue("types") instanceof JsonArray types) {
            for (Object t : types) if (t instanceof String s && EventType.ofSearchType(s) == null) others.put(s.toUpperCase(java.util.Locale.ROOT), new JsonObject());
        }
        Part part = take(body);
        if (part.types.isEmpty() && others.isEmpty()) {
            throw GatewayException.admin(400, "MANDATORY_FIELD_MISSING", "Mandatory field types is missing in the input request body");
        }
        Future<JsonObject> answer = part.types.isEmpty() ? Future.succeededFuture(new JsonObject())
            : events.search().aggregate(body, part.types);
        answer.onSuccess(out -> Bodies.ok(ctx, 200, others.mergeIn(out))).onFailure(ctx::fail);
    }

    /** A query parameter, null when absent or empty (pipelines send {@code until=}). */
    static Function<String, String> params(RoutingContext ctx) {
        return name -> {
            String v = ctx.queryParams().get(name);
            return v == null || v.isBlank() ? null : v.trim();
        };
    }
}
