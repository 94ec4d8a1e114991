package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Subscription quota counters, one cycle per application ({@code startTime, successCount, failureCount}), merged
 * atomically in the store: nodes flushing at the same moment add to the same counters without reading them first,
 * so no count is lost (Redis: one Lua script per application, {@code HINCRBY} inside; embedded: one node, one map).
 * Kept apart from the assets, so a flush changes no asset and rebuilds nothing. Implementations: {@link
 * EmbeddedQuotaCounters} (a file under the data directory) and {@link RedisQuotaCounters} (shared by the cluster).
 * Non-blocking, callable from any event loop; store failures fail the future with {@link StoreUnavailableException}.
 */
public interface QuotaCounterStore {

    /**
     * Counts of one application to add. A stored cycle that ended by {@code now} is first replaced by the cycle
     * {@code now} falls in ({@code intervalMillis} 0: cycles never end); an application without one starts at
     * {@code since}.
     */
    record Delta(String app, long since, long intervalMillis, long now, long success, long failure) {
    }

    /**
     * Adds every delta; completes once all are counted: durable in Redis, or in the embedded store's memory and, when
     * its data directory can be written, on disk (a failed write is retried with the next one; failing the call would
     * make the caller keep the deltas and count them twice).
     */
    Future<Void> add(List<Delta> deltas);

    /** The stored cycle of an application, {@code {startTime, successCount, failureCount}}, or null. */
    Future<JsonObject> get(String app);

    /** The stored cycles of these applications, by application id; those without one are left out. */
    Future<Map<String, JsonObject>> getAll(Collection<String> apps);

    /**
     * Takes the cycles another gateway counted (a migration's reindex), each atomically with the one stored here by
     * {@link #absorbed}: the counts of one cycle add up, the later cycle wins over an earlier one.
     */
    Future<Void> absorb(Map<String, JsonObject> cycles);

    /** Forgets every counter (an emulator reset). */
    Future<Void> clear();

    /** The cycle after adding a delta to {@code cycle} (null: none yet): the rule both implementations follow. */
    static JsonObject merge(JsonObject cycle, Delta d) {
        long start = cycle == null ? d.since() : cycle.getLong("startTime", d.since());
        long success = cycle == null ? 0 : cycle.getLong("successCount", 0L);
        long failure = cycle == null ? 0 : cycle.getLong("failureCount", 0L);
        if (d.intervalMillis() > 0 && d.now() >= start + d.intervalMillis()) {
            start += (d.now() - start) / d.intervalMillis() * d.intervalMillis();
            success = 0;
            failure = 0;
        }
        return new JsonObject().put("startTime", start).put("successCount", success + d.success())
            .put("failureCount", failure + d.failure());
    }

    /** A source cycle's optional field: the application's quota interval here, which says whether two cycles overlap. */
    String INTERVAL = "intervalMillis";

    /**
     * The cycle after taking {@code source} (another gateway's) into {@code local} (null: none yet): an application only
     * the source counted takes its cycle; the same cycle on both adds the counts (starting at the earlier start);
     * otherwise the later cycle wins. Two cycles are the same when they start together, or when the later one started
     * within the earlier one's quota interval ({@link #INTERVAL} of the source, 0 when unknown): a node that counted
     * the application before the reindex started a cycle of its own while the source's was still running.
     */
    static JsonObject absorbed(JsonObject local, JsonObject source) {
        JsonObject src = source.copy();
        long interval = src.getValue(INTERVAL) instanceof Number n ? n.longValue() : 0L;
        src.remove(INTERVAL);
        if (local == null) return src;
        long ls = local.getLong("startTime", 0L);
        long ss = src.getLong("startTime", 0L);
        long first = Math.min(ls, ss);
        boolean sameCycle = ls == ss || interval > 0 && Math.max(ls, ss) < first + interval;
        if (!sameCycle) return (ss > ls ? src : local).copy();
        return new JsonObject().put("startTime", first)
            .put("successCount", local.getLong("successCount", 0L) + src.getLong("successCount", 0L))
            .put("failureCount", local.getLong("failureCount", 0L) + src.getLong("failureCount", 0L));
    }
}
