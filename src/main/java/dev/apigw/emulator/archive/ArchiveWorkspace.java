package dev.apigw.emulator.archive;

import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where archive work happens: temporary zip files under {@code <dataDir>/archive-tmp} (uploads being imported,
 * exports being sent; what a crash leaves there is removed at start) and a small worker pool for the blocking zip
 * and file work, so no archive byte is handled on an event loop. Shared by export, import and migration.
 */
public final class ArchiveWorkspace implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWorkspace.class);
    private final Vertx vertx;
    private final Path dir;
    private final WorkerExecutor worker;

    public ArchiveWorkspace(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.dir = dataDir.resolve("archive-tmp");
        // an export or import of thousands of assets may take a while: warn only after ten minutes
        this.worker = vertx.createSharedWorkerExecutor("apigw-archive", 2, 10, TimeUnit.MINUTES);
    }

    @Override
    public Future<Void> start() {
        return run(() -> {
            Files.createDirectories(dir);
            try (Stream<Path> leftovers = Files.list(dir)) {
                leftovers.forEach(ArchiveWorkspace::deleteQuietly);
            }
            return null;
        });
    }

    /** Runs blocking work on the archive workers. */
    public <T> Future<T> run(Callable<T> work) {
        return worker.executeBlocking(work, false);
    }

    /** A new empty temporary file (created on a worker). */
    public Future<Path> newFile(String suffix) {
        return run(() -> Files.createTempFile(dir, "archive-", suffix));
    }

    /** Deletes a temporary file, off the event loop; failures are only logged. */
    public void delete(Path file) {
        if (file != null) vertx.executeBlocking(() -> {
            deleteQuietly(file);
            return null;
        }, false);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete temporary archive {}: {}", file, e.getMessage());
        }
    }

    @Override
    public Future<Void> stop() {
        return worker.close();
    }
}
