package dev.apigw.emulator.store;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node quota counters: a map in memory, written whole to {@code <dataDir>/quota/counters.json}
 * ({@link AtomicFiles}) after each batch, on one worker thread so batches land in order. Loaded on start; an
 * unreadable file is logged and the counters start empty (a quota then restarts its cycle, never the node).
 */
public final class EmbeddedQuotaCounters implements QuotaCounterStore, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuotaCounters.class);
    private final Vertx vertx;
    private final Path file;
    private final DataDirectory data;
    private final WorkerExecutor writer;
    private final Map<String, JsonObject> cycles = new ConcurrentHashMap<>();

    public EmbeddedQuotaCounters(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.file = dataDir.resolve("quota").resolve("counters.json");
        this.data = new DataDirectory(dataDir);
        this.writer = vertx.createSharedWorkerExecutor("apigw-quota-counters", 1);
    }

    @Override
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            data.claim();
            if (!Files.isRegularFile(file)) return null;
            try {
                JsonObject all = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
                all.forEach(e -> {
                    if (e.getValue() instanceof JsonObject c) cycles.put(e.getKey(), c);
                });
            } catch (Exception e) {
                LOG.warn("quota counters in {} are unreadable ({}); starting from none", file.getFileName(), e.getMessage());
            }
            return null;
        });
    }

    @Override
    public Future<Void> add(List<Delta> deltas) {
        for (Delta d : deltas) cycles.compute(d.app(), (app, cur) -> QuotaCounterStore.merge(cur, d));
        return persist();
    }

    @Override
    public Future<Void> absorb(Map<String, JsonObject> source) {
        source.forEach((app, cycle) -> cycles.compute(app, (k, cur) -> QuotaCounterStore.absorbed(cur, cycle)));
        return persist();
    }

    @Override
    public Future<Void> clear() {
        cycles.clear();
        return persist();
    }

    /**
     * Writes the whole map as it is now; writes land in order on the one worker thread. Synchronized (snapshot and
     * queueing only, nothing blocks) so a later snapshot is never queued before an earlier one. A write that fails
     * (the data directory gone, the disk full) still succeeds for the caller: the counts are in the map already, and
     * a failure would make the caller keep them and add them again at its next flush; the next write, which takes
     * the whole map, saves them.
     */
    private synchronized Future<Void> persist() {
        JsonObject all = new JsonObject();
        cycles.forEach((app, c) -> all.put(app, c.copy()));
        byte[] bytes = all.encode().getBytes(StandardCharsets.UTF_8);
        return writer.<Void>executeBlocking(() -> {
            data.requirePresent();
            AtomicFiles.write(file, bytes);
            return null;
        }).otherwise(err -> {
            LOG.warn("quota counters held in memory, not saved to {}: {}", file, err.getMessage());
            return null;
        });
    }

    @Override
    public Future<JsonObject> get(String app) {
        JsonObject c = cycles.get(app);
        return Future.succeededFuture(c == null ? null : c.copy());
    }

    @Override
    public Future<Map<String, JsonObject>> getAll(Collection<String> apps) {
        Map<String, JsonObject> out = new HashMap<>();
        for (String app : apps) {
            JsonObject c = cycles.get(app);
            if (c != null) out.put(app, c.copy());
        }
        return Future.succeededFuture(out);
    }

    @Override
    public Future<Void> stop() {
        return writer.close();
    }
}
