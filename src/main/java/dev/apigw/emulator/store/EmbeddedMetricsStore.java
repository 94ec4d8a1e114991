package dev.apigw.emulator.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One JSON-lines file per kind under {@code <dataDir>/metrics/}. Appends run one at a time on a dedicated worker
 * thread (publications of one kind stay in order) and are forced to disk before the future completes.
 */
public final class EmbeddedMetricsStore implements MetricsStore {
    private static final Pattern SAFE_KIND = Pattern.compile("[a-z_]{1,64}");

    private final Path dir;
    private final DataDirectory data;
    private final WorkerExecutor io;

    public EmbeddedMetricsStore(Vertx vertx, Path dataDir) {
        this.dir = dataDir.resolve("metrics");
        this.data = new DataDirectory(dataDir);
        this.io = vertx.createSharedWorkerExecutor("apigw-metrics-store", 1);
    }

    @Override
    public Future<Void> append(String kind, List<JsonObject> records) {
        if (records.isEmpty()) return Future.succeededFuture();
        StringBuilder lines = new StringBuilder();
        for (JsonObject r : records) lines.append(r.encode()).append('\n');
        return io.<Void>executeBlocking(() -> {
            data.requirePresent(); // claimed at start by the embedded asset store, which runs beside this one
            Files.createDirectories(dir);
            try (var ch = java.nio.channels.FileChannel.open(file(kind), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
                ch.write(StandardCharsets.UTF_8.encode(lines.toString()));
                ch.force(false);
            }
            return null;
        }).recover(err -> StoreUnavailableException.failed("metrics file", err));
    }

    @Override
    public Future<List<JsonObject>> read(String kind) {
        return io.executeBlocking(() -> {
            Path f = file(kind);
            List<JsonObject> out = new ArrayList<>();
            if (!Files.exists(f)) return out;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) out.add(new JsonObject(line));
            }
            return out;
        });
    }

    @Override
    public Future<Void> clear(String kind) {
        return io.<Void>executeBlocking(() -> {
            Files.deleteIfExists(file(kind));
            return null;
        }).recover(err -> StoreUnavailableException.failed("metrics file", err));
    }

    private Path file(String kind) throws IOException {
        if (!SAFE_KIND.matcher(kind).matches()) throw new IOException("bad metrics kind " + kind);
        return dir.resolve(kind + ".jsonl");
    }
}
