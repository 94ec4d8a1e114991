package dev.apigw.emulator.quiesce;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the last quiesce did and when (beyond the real product): a timestamp per phase and, per flushed kind, how
 * many records or counters were written. Written by the quiesce sequence, read by GET on any event loop, hence
 * synchronized.
 */
final class QuiesceReceipt {
    private final Map<String, JsonObject> phases = new LinkedHashMap<>();
    private final Map<String, JsonObject> flushes = new LinkedHashMap<>();

    synchronized void reset() {
        phases.clear();
        flushes.clear();
    }

    /** Records that a phase began now, with extra facts (e.g. requests still in flight). */
    synchronized void phase(String name, JsonObject facts) {
        phases.put(name, facts.copy().put("at", Instant.now().toString()));
    }

    /** Adds a flush of one kind; the final flush after the drain adds to the first one's count. */
    synchronized void flushed(String kind, int count, Throwable error) {
        JsonObject entry = flushes.computeIfAbsent(kind, k -> new JsonObject().put("kind", k).put("count", 0).put("flushes", 0));
        entry.put("count", entry.getInteger("count") + (error == null ? count : 0))
            .put("flushes", entry.getInteger("flushes") + 1).put("at", Instant.now().toString());
        if (error != null) entry.put("error", error.getMessage());
    }

    synchronized JsonObject toJson() {
        JsonObject p = new JsonObject();
        phases.forEach((k, v) -> p.put(k, v.copy()));
        JsonArray f = new JsonArray();
        flushes.values().forEach(e -> f.add(e.copy()));
        return new JsonObject().put("phases", p).put("flushed", f);
    }
}
