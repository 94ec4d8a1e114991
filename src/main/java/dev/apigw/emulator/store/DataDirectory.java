package dev.apigw.emulator.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The node's data directory, as the embedded stores see it: claimed at start by a marker file ({@value #MARKER}),
 * which every later write looks for. A directory that vanished under a running node (deleted, a volume unmounted, a
 * temp cleaner) would otherwise be recreated piecemeal by the next write, holding only that write: the node would go
 * on serving from memory and lose everything else at its next start. With the marker gone, writes are refused (503,
 * {@link StoreUnavailableException}) and health turns red, until the directory is back or the node restarts.
 * Blocking (file system calls): worker threads, or before the event loops start.
 */
public final class DataDirectory {
    /** Written at start when missing; its absence later means the directory is not the one the node started on. */
    public static final String MARKER = ".apigw-data";
    private final Path root;
    private final Path marker;

    public DataDirectory(Path root) {
        this.root = root;
        this.marker = root.resolve(MARKER);
    }

    public Path root() {
        return root;
    }

    /** Creates the directory and its marker when missing (start, or a first run on an existing directory). */
    public void claim() throws IOException {
        synchronized (DataDirectory.class) { // each embedded store claims at its start, and starts may overlap
            if (Files.exists(marker)) return;
            Files.createDirectories(root);
            AtomicFiles.write(marker, ("apigw-emulator data directory, claimed " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether the directory the node started on is still there. */
    public boolean present() {
        return Files.exists(marker);
    }

    /** Fails a write before it recreates a directory that vanished. */
    public void requirePresent() {
        if (!present()) throw new StoreUnavailableException(gone(), null);
    }

    /**
     * The weaker check of a writer that cannot count on a claim (event archives, also written when Redis holds the
     * assets and nothing claims the directory): the directory itself must still be there, so a deleted one is not
     * recreated around one file.
     */
    public void requireRoot() {
        if (!Files.isDirectory(root)) throw new StoreUnavailableException(gone(), null);
    }

    /**
     * What health and refused writes say while the directory is missing; without the path, which anonymous health
     * callers must not see (the store's health gives it to the administrator).
     */
    public String gone() {
        return "the data directory is gone (its marker " + MARKER + " is missing): writes are refused and the node"
            + " serves what it holds in memory; restore the directory to write again";
    }
}
