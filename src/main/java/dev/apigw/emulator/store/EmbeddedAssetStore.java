package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The single-node store: one JSON file per asset under {@code <dataDir>/assets/<type>/}, written atomically
 * ({@link AtomicFiles}), and a memory copy that serves every read. Writes run one at a time on a dedicated worker
 * thread, so two writes of one asset land in the order they were made.
 */
public final class EmbeddedAssetStore implements AssetStore {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAssetStore.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,150}");

    private final Path root;
    private final DataDirectory data;
    private final WorkerExecutor writer;
    private final BatchFiles batch = new BatchFiles();
    private final Map<AssetType, Map<String, JsonObject>> memory = new EnumMap<>(AssetType.class);
    private final ChangeListeners listeners = new ChangeListeners();

    private final Vertx vertx;

    /** A store under {@code <dataDir>/assets}; {@link #start()} loads it. */
    public EmbeddedAssetStore(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.root = dataDir.resolve("assets");
        this.data = new DataDirectory(dataDir);
        this.writer = vertx.createSharedWorkerExecutor("apigw-embedded-store", 1);
        for (AssetType t : AssetType.values()) memory.put(t, new ConcurrentHashMap<>());
    }

    /** Opens the store and loads every asset on the calling thread, which it blocks (tests, benchmarks). */
    public static EmbeddedAssetStore open(Vertx vertx, Path dataDir) {
        EmbeddedAssetStore store = new EmbeddedAssetStore(vertx, dataDir);
        store.loadAll();
        return store;
    }

    /** Loads every asset on a worker thread. */
    @Override
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            loadAll();
            return null;
        });
    }

    private void loadAll() {
        try {
            data.claim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the data directory " + data.root() + " (" + e + ")", e);
        }
        for (AssetType type : AssetType.values()) {
            Path dir = root.resolve(type.key());
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".json")) load(type, p);
                    else if (name.endsWith(".tmp")) discard(p);
                });
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private void load(AssetType type, Path file) {
        try {
            JsonObject doc = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            if (!StoredDepth.servable(doc)) {
                LOG.warn("skipping asset file {}: nested deeper than {} levels", file, StoredDepth.MAX);
                return;
            }
            if (doc.getValue("id") instanceof String id) memory.get(type).put(id, doc);
        } catch (IOException | RuntimeException e) {
            // only possible for a file damaged outside the gateway (atomic writes never leave one behind): a
            // hand-edited or truncated file must not stop the node from starting
            LOG.warn("skipping unreadable asset file {}: {}", file, e.getMessage());
        }
    }

    /** A write interrupted by a crash (kill -9) leaves its temporary file; the stored asset is the .json beside it. */
    private static void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
            LOG.info("removed {}, left by an interrupted write", tmp);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", tmp, e.getMessage());
        }
    }


    @Override
    public Future<List<JsonObject>> list(AssetType type) {
        Map<String, JsonObject> docs = memory.get(type);
        // every reader gets its own copies; copying a large catalogue (API definitions) is left to a worker, so a
        // rebuild after an import of thousands of assets does not hold an event loop
        if (docs.size() <= COPY_ON_CALLER) return Future.succeededFuture(copies(docs));
        return vertx.executeBlocking(() -> copies(docs), false);
    }

    /** Lists up to this many documents are copied on the calling thread (cheaper than a hop to a worker). */
    private static final int COPY_ON_CALLER = 64;

    private static List<JsonObject> copies(Map<String, JsonObject> docs) {
        List<JsonObject> out = new ArrayList<>(docs.size());
        for (JsonObject doc : docs.values()) out.add(doc.copy());
        return out;
    }

    @Override
    public Future<JsonObject> get(AssetType type, String id) {
        JsonObject doc = id == null ? null : memory.get(type).get(id);
        return Future.succeededFuture(doc == null ? null : doc.copy());
    }

    @Override
    public Future<Void> put(AssetType type, String id, JsonObject document) {
        JsonObject copy = document.copy().put("id", id);
        byte[] bytes = copy.encode().getBytes(StandardCharsets.UTF_8);
        return writer.<Void>executeBlocking(() -> {
            data.requirePresent();
            AtomicFiles.write(file(type, id), bytes);
            memory.get(type).put(id, copy);
            return null;
        }).recover(EmbeddedAssetStore::unavailable).onSuccess(v -> listeners.fire(new AssetChange(type, id)));
    }

    /** One writer task for the whole batch; memory and listeners learn of it once every file is written. */
    @Override
    public Future<Void> putAll(AssetType type, Map<String, JsonObject> documents) {
        if (documents.isEmpty()) return Future.succeededFuture();
        return writer.<Void>executeBlocking(() -> {
            data.requirePresent();
            Map<String, JsonObject> copies = new java.util.LinkedHashMap<>();
            Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
            documents.forEach((id, doc) -> {
                JsonObject copy = doc.copy().put("id", id);
                copies.put(id, copy);
                files.put(file(type, id), copy.encode().getBytes(StandardCharsets.UTF_8));
            });
            batch.writeAll(files);
            memory.get(type).putAll(copies);
            return null;
        }).recover(EmbeddedAssetStore::unavailable)
            .onSuccess(v -> documents.keySet().forEach(id -> listeners.fire(new AssetChange(type, id))));
    }

    @Override
    public Future<Integer> deleteAll(AssetType type) {
        return writer.executeBlocking(() -> {
            data.requirePresent();
            List<String> ids = new ArrayList<>(memory.get(type).keySet());
            batch.deleteAll(ids.stream().map(id -> file(type, id)).toList());
            ids.forEach(memory.get(type)::remove);
            return ids;
        }).recover(EmbeddedAssetStore::<List<String>>unavailable).map(ids -> {
            ids.forEach(id -> listeners.fire(new AssetChange(type, id)));
            return ids.size();
        });
    }

    @Override
    public Future<Boolean> delete(AssetType type, String id) {
        if (!memory.get(type).containsKey(id)) return Future.succeededFuture(false);
        return writer.executeBlocking(() -> {
            data.requirePresent();
            AtomicFiles.delete(file(type, id));
            return memory.get(type).remove(id) != null;
        }).recover(EmbeddedAssetStore::<Boolean>unavailable).onSuccess(removed -> {
            if (removed) listeners.fire(new AssetChange(type, id));
        });
    }

    private Path file(AssetType type, String id) {
        String name = SAFE_ID.matcher(id).matches() ? id
            : "b64_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
        return root.resolve(type.key()).resolve(name + ".json");
    }

    private static <T> Future<T> unavailable(Throwable err) {
        return StoreUnavailableException.failed("embedded store write failed", err);
    }

    @Override
    public void onChange(Handler<AssetChange> listener) {
        listeners.add(listener);
    }

    @Override
    public Future<JsonObject> health() {
        return writer.executeBlocking(() -> {
            JsonObject h = new JsonObject().put("type", "embedded").put("path", root.toString());
            if (!data.present()) return h.put("status", "red").put("error", data.gone());
            boolean writable = Files.isWritable(root) || !Files.exists(root);
            return h.put("status", writable ? "green" : "red");
        });
    }

    @Override
    public Future<Void> stop() {
        return writer.close().andThen(ar -> batch.close());
    }
}
