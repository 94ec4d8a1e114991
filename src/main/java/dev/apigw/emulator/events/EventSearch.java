package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Answers searches, counts and aggregations over event types from the node's event store (with Redis: every node's
 * events). The body is checked on the caller's thread (a bad one fails at once with a 400); the scan runs on a
 * worker thread within the configured time budget, never on an event loop. Results are keyed by the type in lower
 * case for {@code /search} and {@code /search/_count} (as real clients read asset results) and in upper case for
 * {@code /search/_aggregations} (the product's only example of an event-type answer).
 */
public final class EventSearch {
    private final Vertx vertx;
    private final EventStore store;
    private final EventsConfig config;

    public EventSearch(Vertx vertx, EventStore store, EventsConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.config = config;
    }

    /** {@code POST /search} for the event types among {@code types}: type → documents. */
    public Future<JsonObject> search(JsonObject body, List<EventType> types) {
        EventQuery q = EventQueryParser.parse(body, types, System.currentTimeMillis(), config.maxResults());
        return onWorker(() -> search(q));
    }

    /** {@code POST /search/_count}: type → number of matching events. */
    public Future<JsonObject> count(JsonObject body, List<EventType> types) {
        EventQuery q = EventQueryParser.parse(body, types, System.currentTimeMillis(), config.maxResults());
        return onWorker(() -> count(q));
    }

    /** {@code POST /search/_aggregations}: TYPE → aggregation name → result. */
    public Future<JsonObject> aggregate(JsonObject body, List<EventType> types) {
        EventQuery q = EventQueryParser.parseAggregations(body, types, System.currentTimeMillis());
        return onWorker(() -> aggregate(q));
    }

    JsonObject search(EventQuery q) {
        TopK[] tops = new TopK[EventType.values().length];
        int keep = q.size() == 0 ? 0 : q.from() + q.size(); // a page past the window keeps nothing
        for (EventType t : q.types()) tops[t.ordinal()] = new TopK(keep, q.sortField(), q.descending());
        scan(q, event -> tops[event.type().ordinal()].offer(event));
        JsonObject out = new JsonObject();
        for (EventType t : q.types()) {
            JsonArray docs = new JsonArray();
            for (Object h : tops[t.ordinal()].handles(q.from())) docs.add(Docs.project(store.document(h), q.responseFields()));
            out.put(key(t), docs);
        }
        return out;
    }

    JsonObject count(EventQuery q) {
        long[] counts = new long[EventType.values().length];
        scan(q, event -> counts[event.type().ordinal()]++);
        JsonObject out = new JsonObject();
        for (EventType t : q.types()) out.put(key(t), counts[t.ordinal()]);
        return out;
    }

    JsonObject aggregate(EventQuery q) {
        Aggregator[][] acc = new Aggregator[EventType.values().length][];
        for (EventType t : q.types()) {
            acc[t.ordinal()] = q.aggregations().stream().map(Aggregator::new).toArray(Aggregator[]::new);
        }
        scan(q, event -> {
            for (Aggregator a : acc[event.type().ordinal()]) a.add(event);
        });
        JsonObject out = new JsonObject();
        for (EventType t : q.types()) {
            JsonObject results = new JsonObject();
            for (int i = 0; i < q.aggregations().size(); i++) {
                results.put(q.aggregations().get(i).name(), acc[t.ordinal()][i].result());
            }
            out.put(t.name(), results);
        }
        return out;
    }

    /** Every stored event of the query's types within the retention that matches its scope. */
    void scan(EventQuery q, Consumer<EventView> sink) {
        Budget budget = new Budget(config.queryTimeoutMs());
        long now = System.currentTimeMillis();
        long[] bounds = q.timeBounds(now - config.maxAgeMs());
        if (bounds[0] > bounds[1] || q.types().isEmpty()) return;
        store.scan(bounds[0], bounds[1], q.typeMask(), budget, event -> {
            if (q.matches(event)) sink.accept(event);
        });
    }

    static String key(EventType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    <T> Future<T> onWorker(java.util.concurrent.Callable<T> work) {
        return vertx.executeBlocking(() -> store.reading(work), false);
    }
}
