package dev.apigw.emulator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes or deletes many asset files at once (archive import, migration), each crash-safe as in {@link AtomicFiles},
 * several at a time: one fsync after another makes a thousand assets take seconds, while the file system commits
 * concurrent fsyncs together. Each directory is forced once at the end. Blocking: call from the store's writer
 * thread only, which keeps batches and single writes in order.
 */
final class BatchFiles implements AutoCloseable {
    private static final int THREADS = 8;
    private final ExecutorService pool;

    BatchFiles() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "apigw-store-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void writeAll(Map<Path, byte[]> files) throws IOException {
        List<Future<?>> tasks = new ArrayList<>(files.size());
        for (Map.Entry<Path, byte[]> f : files.entrySet()) {
            tasks.add(pool.submit(() -> {
                AtomicFiles.writeUnsyncedDirectory(f.getKey(), f.getValue());
                return null;
            }));
        }
        await(tasks);
        forceParents(files.keySet());
    }

    void deleteAll(Collection<Path> files) throws IOException {
        for (Path f : files) Files.deleteIfExists(f);
        forceParents(files);
    }

    private static void forceParents(Collection<Path> files) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : files) dirs.add(f.getParent());
        dirs.forEach(AtomicFiles::forceDirectory);
    }

    private static void await(List<Future<?>> tasks) throws IOException {
        IOException first = null;
        for (Future<?> t : tasks) {
            try {
                t.get();
            } catch (ExecutionException e) {
                if (first == null) first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing a batch", e);
            }
        }
        if (first != null) throw first;
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
