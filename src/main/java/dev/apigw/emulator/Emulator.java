package dev.apigw.emulator;

import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.ConfigNames;
import dev.apigw.emulator.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The stable entry point for running an emulator inside a JVM, e.g. from a JUnit test: starts a node on free ports
 * of 127.0.0.1 with a fresh data directory, and stops it on {@link #close()}.
 *
 * <pre>{@code
 * try (Emulator gw = Emulator.start(Map.of("admin.password", "s3cret"))) {
 *     HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/rest/apigateway/health")) ...
 * }
 * }</pre>
 *
 * Settings are the dotted paths of {@code --help} ({@code runtime.backendTimeoutMs}); an unknown one fails the start
 * with the closest known name. Defaults differ from the command line's in what an embedded node needs: host
 * 127.0.0.1, port 0 (any free port), one event loop, no quiesce port, the demo echo backend on a free port, and a
 * temporary data directory removed on close (unless {@code dataDir} is given). {@link #start} and {@link #close}
 * block the calling thread until done, so call them from a test thread, never from a Vert.x event loop. Thread-safe.
 */
public final class Emulator implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Vertx vertx;
    private final GatewayNode node;
    private final GatewayConfig config;
    private final Path temporaryDataDir;
    private volatile boolean closed;

    private Emulator(Vertx vertx, GatewayNode node, GatewayConfig config, Path temporaryDataDir) {
        this.vertx = vertx;
        this.node = node;
        this.config = config;
        this.temporaryDataDir = temporaryDataDir;
    }

    /** An emulator with the embedded defaults. */
    public static Emulator start() {
        return start(Map.of());
    }

    /** An emulator with these settings over the embedded defaults ({@code "dotted.path" -> value}). */
    public static Emulator start(Map<String, ?> settings) {
        Path temp = settings.containsKey("dataDir") ? null : tempDir();
        JsonObject tree = ConfigLoader.defaults().put("host", "127.0.0.1").put("port", 0).put("instances", 1)
            .put("quiescePort", 0);
        tree.getJsonObject("demo").put("echoPort", 0);
        if (temp != null) tree.put("dataDir", temp.toString());
        JsonObject known = ConfigLoader.defaults();
        settings.forEach((path, value) -> set(tree, known, path, value));
        GatewayConfig config = GatewayConfig.fromJson(tree);
        Vertx vertx = Vertx.vertx();
        try {
            return new Emulator(vertx, await(Main.start(vertx, config)), config, temp);
        } catch (RuntimeException e) {
            await(vertx.close());
            delete(temp);
            throw e;
        }
    }

    private static void set(JsonObject tree, JsonObject known, String path, Object value) {
        String[] keys = path.split("\\.");
        JsonObject node = tree;
        JsonObject k = known;
        for (int i = 0; i < keys.length; i++) {
            if (!k.containsKey(keys[i]) || (i < keys.length - 1) != (k.getValue(keys[i]) instanceof JsonObject)) {
                throw new IllegalArgumentException("unknown setting " + path + "; did you mean "
                    + ConfigNames.closest(path, ConfigNames.paths(known)) + "?");
            }
            if (i == keys.length - 1) node.put(keys[i], value);
            else {
                node = node.getJsonObject(keys[i]);
                k = k.getJsonObject(keys[i]);
            }
        }
    }

    /** The main port: runtime {@code /gateway/...}, admin {@code /rest/apigateway/...}, {@code /emulator/...}. */
    public int port() {
        return node.port();
    }

    /** {@code http://127.0.0.1:<port>} (or the configured host). */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /** The quiesce port while it listens, else -1. */
    public int quiescePort() {
        return node.quiescePort();
    }

    /** The demo echo backend's port, or -1 with {@code demo.enabled=false}. */
    public int echoPort() {
        return node.echoPort();
    }

    /** The administrator's user name and password, as configured. */
    public String adminUser() {
        return config.admin().username();
    }

    public String adminPassword() {
        return config.admin().password();
    }

    /** Stops the node at once (no drain) and Vert.x, and removes the temporary data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            await(node.stop());
        } finally {
            await(vertx.close());
            delete(temporaryDataDir);
        }
    }

    private static <T> T await(Future<T> future) {
        CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
        try {
            return done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the emulator did not start or stop within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("apigw-emulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
