package dev.apigw.emulator.harness;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the files of the seed directory ({@code seed.dir}) at start, before the main port opens, so the node
 * reports ready only once they are served; and again after a reset of design-time assets. Files are taken in name
 * order, each by the first {@link SeedImporter} that accepts it; a file no importer accepts is skipped with a warning.
 * A file that fails to import stops the start, naming the file: a seed is there to be served. Called from one
 * context at a time (the start, or a reset), so it needs no synchronisation beyond the last report's field.
 */
public final class SeedLoader implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);

    private final Vertx vertx;
    private final Path dir;
    private final List<SeedImporter> importers;
    private volatile JsonObject last = new JsonObject().put("files", new JsonArray());

    /** @param dir the seed directory, or null when none is configured */
    public SeedLoader(Vertx vertx, Path dir, List<SeedImporter> importers) {
        this.vertx = vertx;
        this.dir = dir;
        this.importers = List.copyOf(importers);
    }

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public Future<Void> start() {
        return load().mapEmpty();
    }

    /** Imports every file; completes with {@code {"dir", "files":[reports]}}. */
    public Future<JsonObject> load() {
        if (dir == null) return Future.succeededFuture(last);
        return vertx.executeBlocking(this::files).compose(files -> {
            JsonArray reports = new JsonArray();
            Future<Void> chain = Future.succeededFuture();
            for (Path f : files) chain = chain.compose(v -> importOne(f, reports));
            return chain.map(v -> {
                last = new JsonObject().put("dir", dir.toString()).put("files", reports);
                return last;
            });
        });
    }

    private List<Path> files() throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            LOG.info("seed directory {} does not exist: nothing to seed", dir);
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Future<Void> importOne(Path file, JsonArray reports) {
        SeedImporter importer = importers.stream().filter(i -> i.accepts(file)).findFirst().orElse(null);
        if (importer == null) {
            String why = "no importer for this kind of file (seed files: *.json API bodies, *.zip archives)";
            LOG.warn("seed file {} skipped: {}", file.getFileName(), why);
            reports.add(new JsonObject().put("file", file.getFileName().toString()).put("skipped", why));
            return Future.succeededFuture();
        }
        return importer.importFile(file).map(report -> {
            LOG.info("seeded {}: {}", file.getFileName(), report.encode());
            reports.add(report);
            return (Void) null;
        }).recover(err -> Future.failedFuture(new IllegalStateException("seed file " + file + " could not be imported: "
            + (err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage()), err)));
    }

    /** What the last load imported (for {@code GET /emulator/seed}). */
    public JsonObject lastReport() {
        return last;
    }
}
