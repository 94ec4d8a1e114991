package dev.apigw.emulator.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored documents that the in-memory views (route table, application index, subscription directory) could not use:
 * each view reports, after every rebuild, the complete list of what it skipped and why. A document newly skipped is
 * logged once as a warning naming its id; one no longer skipped once at INFO. Health reads {@link #all()} (yellow
 * while it is not empty) and {@code GET /apis/{id}} reads {@link #reason}. Shared by every thread: each view replaces
 * its own list atomically.
 */
public final class SkippedAssets {
    private static final Logger LOG = LoggerFactory.getLogger(SkippedAssets.class);

    /** One document left out of a view: its type, id and the reason, in words a user can act on. */
    public record Skipped(AssetType type, String id, String reason) {
        public JsonObject toJson() {
            return new JsonObject().put("type", type.key()).put("id", id).put("reason", reason);
        }
    }

    private final Map<String, List<Skipped>> byView = new ConcurrentHashMap<>();

    /** Replaces what {@code view} skipped with {@code skipped}, logging what changed. */
    public void report(String view, List<Skipped> skipped) {
        List<Skipped> now = List.copyOf(skipped);
        List<Skipped> before = byView.put(view, now);
        Set<Skipped> old = before == null ? Set.of() : Set.copyOf(before);
        for (Skipped s : now) {
            if (!old.contains(s)) LOG.warn("{}: skipping {} {}: {}", view, s.type().key(), s.id(), s.reason());
        }
        Set<String> stillIds = now.stream().map(Skipped::id).collect(Collectors.toSet());
        for (Skipped s : old) {
            if (!stillIds.contains(s.id())) LOG.info("{}: {} {} is usable again", view, s.type().key(), s.id());
        }
    }

    /** Everything skipped by any view, in a stable order. */
    public List<Skipped> all() {
        List<Skipped> out = new ArrayList<>();
        byView.values().forEach(out::addAll);
        out.sort((a, b) -> (a.type().key() + a.id()).compareTo(b.type().key() + b.id()));
        return out;
    }

    /** Why the document is left out of some view, or null when it is not. */
    public String reason(AssetType type, String id) {
        for (List<Skipped> list : byView.values()) {
            for (Skipped s : list) if (s.type() == type && s.id().equals(id)) return s.reason();
        }
        return null;
    }

    /** The health detail: {@code {"status":"green|yellow","skipped":[{type,id,reason}]}}. */
    public JsonObject health() {
        JsonArray list = new JsonArray();
        all().forEach(s -> list.add(s.toJson()));
        return new JsonObject().put("status", list.isEmpty() ? "green" : "yellow").put("skipped", list);
    }
}
