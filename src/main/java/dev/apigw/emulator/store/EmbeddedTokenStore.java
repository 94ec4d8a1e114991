package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens of a single node: a concurrent map in memory, written to {@code <dataDir>/tokens/tokens.json} (crash-safe
 * replace) after changes, so tokens survive a restart. Writes are coalesced: at most one runs at a time, on a worker,
 * and a change during a write causes one more. The file holds only hashes.
 */
public final class EmbeddedTokenStore implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTokenStore.class);
    private final Vertx vertx;
    private final Path file;
    private final DataDirectory data;
    private final Map<String, JsonObject> tokens = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Handler<String>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final WorkerExecutor writer;
    private volatile boolean dirty;
    /** The last write failed: the stop tries once more (any change before it writes the whole map anyway). */
    private volatile boolean unsaved;

    private EmbeddedTokenStore(Vertx vertx, DataDirectory data, Path file) {
        this.vertx = vertx;
        this.data = data;
        this.file = file;
        this.writer = vertx.createSharedWorkerExecutor("apigw-token-store", 1);
    }

    /** Tokens under {@code <dataDir>/tokens}; call {@link #start()} before use. */
    public static EmbeddedTokenStore under(Vertx vertx, Path dataDir) {
        Path file = dataDir.resolve("tokens").resolve("tokens.json");
        return new EmbeddedTokenStore(vertx, new DataDirectory(dataDir), file);
    }

    /** Loads the saved tokens on a worker; completes before the node serves. */
    @Override
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            data.claim();
            load();
            return null;
        });
    }

    private void load() {
        try {
            if (Files.isRegularFile(file)) {
                JsonObject saved = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
                saved.forEach(e -> {
                    if (e.getValue() instanceof JsonObject t && !expired(t)) tokens.put(e.getKey(), t);
                });
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}; starting without stored tokens", file, e);
        }
    }

    private static boolean expired(JsonObject token) {
        return token.getLong("exp", 0L) * 1000 <= System.currentTimeMillis();
    }

    @Override
    public Future<Void> save(String hash, JsonObject token, long ttlMs) {
        tokens.put(hash, token.copy());
        return persist();
    }

    @Override
    public Future<JsonObject> find(String hash) {
        JsonObject t = tokens.get(hash);
        if (t != null && expired(t)) {
            tokens.remove(hash);
            t = null;
        }
        return Future.succeededFuture(t == null ? null : t.copy());
    }

    @Override
    public Future<Boolean> revoke(String hash) {
        boolean removed = tokens.remove(hash) != null;
        listeners.forEach(l -> l.handle(hash));
        return persist().map(removed);
    }

    @Override
    public Future<Void> clear() {
        tokens.clear();
        listeners.forEach(l -> l.handle(ALL));
        return persist();
    }

    @Override
    public void onRevoked(Handler<String> listener) {
        listeners.add(listener);
    }

    /** Succeeds once a write that includes the current content has been scheduled. */
    private Future<Void> persist() {
        dirty = true;
        if (writing.compareAndSet(false, true)) write();
        return Future.succeededFuture();
    }

    /**
     * Writes until no change is pending. The whole loop, including clearing {@code writing}, runs inside the worker
     * task: a completion callback would be dispatched to the calling verticle's context, which a stop may already
     * have closed, leaving {@code writing} set and the last tokens unsaved.
     */
    private void write() {
        writer.executeBlocking(() -> {
            do {
                dirty = false;
                tokens.values().removeIf(EmbeddedTokenStore::expired);
                byte[] content = new JsonObject(Map.copyOf(tokens)).encode().getBytes(StandardCharsets.UTF_8);
                try {
                    data.requirePresent(); // never recreate a vanished directory with only the tokens in it
                    AtomicFiles.write(file, content);
                    unsaved = false;
                } catch (StoreUnavailableException e) {
                    unsaved = true;
                    LOG.warn("tokens held in memory, not saved: {}", e.getMessage());
                } catch (IOException | RuntimeException e) {
                    unsaved = true;
                    LOG.warn("cannot write {}", file, e);
                }
                writing.set(false);
            } while (dirty && writing.compareAndSet(false, true));
            return null;
        }, false);
    }

    /** Completes once pending writes are on disk (at most 5 s), so a clean stop loses no token. */
    @Override
    public Future<Void> stop() {
        if (unsaved) persist();
        Promise<Void> done = Promise.promise();
        awaitIdle(done, System.currentTimeMillis() + 5_000);
        return done.future();
    }

    private void awaitIdle(Promise<Void> done, long deadline) {
        if (!writing.get() && !dirty || System.currentTimeMillis() > deadline) {
            done.complete();
            return;
        }
        vertx.setTimer(10, t -> awaitIdle(done, deadline));
    }
}
