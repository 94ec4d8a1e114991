package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.store.DataDirectory;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Archive files of events: {@code <name>.ndjson.gz} (one event document per line, gzip) under the node's
 * {@code event-archives} directory, written to a temporary file and renamed, so a listed archive is always whole.
 * Blocking: worker threads only.
 */
final class EventArchives {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final String SUFFIX = ".ndjson.gz";
    /** Archiving and restoring read everything they take: a longer budget than a search's. */
    private static final long BUDGET_MS = 600_000;
    private static final int CHUNK = 10_000;
    private final Path dir;
    private final EventStore store;
    private final EventsConfig config;

    EventArchives(Path dir, EventStore store, EventsConfig config) {
        this.dir = dir;
        this.store = store;
        this.config = config;
    }

    /** Writes the events the criteria select into archive {@code name}; returns how many. */
    long write(String name, PurgeCriteria c) throws IOException {
        // the data directory itself is never recreated here (a vanished one is reported by the stores' health); with
        // Redis nothing claims it, so only its existence is asked
        new DataDirectory(dir.getParent()).requireRoot();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + SUFFIX + ".tmp");
        long[] n = {0};
        try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8)) {
            select(c, doc -> {
                try {
                    w.write(doc.encode());
                    w.write('\n');
                    n[0]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        Files.move(tmp, dir.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return n[0];
    }

    private void select(PurgeCriteria c, java.util.function.Consumer<JsonObject> sink) {
        long oldest = System.currentTimeMillis() - config.maxAgeMs();
        store.scan(Math.max(c.from(), oldest), c.until(), c.types(), new Budget(BUDGET_MS), e -> sink.accept(e.document()));
    }

    boolean exists(String name) {
        return NAME.matcher(name).matches() && Files.isRegularFile(dir.resolve(name + SUFFIX));
    }

    /**
     * Hands the archive's events that are not stored already (by id) to {@code sink}, in file order and in chunks, so
     * an archive of any size restores in bounded memory. Two passes: the first finds the archive's time span, whose
     * stored ids the second skips. Returns how many were handed over.
     */
    long restore(String name, Consumer<List<EventRecord>> sink) throws IOException {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        lines(name, rec -> {
            span[0] = Math.min(span[0], rec.creationDate());
            span[1] = Math.max(span[1], rec.creationDate());
        });
        if (span[0] > span[1]) return 0;
        Set<String> present = new HashSet<>();
        store.scan(span[0], span[1], EventStore.allTypes(), new Budget(BUDGET_MS), e -> {
            Object id = e.document().getValue("id");
            if (id instanceof String s) present.add(s);
        });
        List<EventRecord> chunk = new ArrayList<>(CHUNK);
        long[] n = {0};
        lines(name, rec -> {
            if (rec.id() != null && !present.add(rec.id())) return;
            chunk.add(rec);
            n[0]++;
            if (chunk.size() == CHUNK) {
                sink.accept(List.copyOf(chunk));
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) sink.accept(List.copyOf(chunk));
        return n[0];
    }

    private void lines(String name, Consumer<StoredRecord> each) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve(name + SUFFIX))), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                StoredRecord rec;
                try {
                    rec = StoredRecord.of(new JsonObject(line));
                } catch (DecodeException | ClassCastException e) {
                    continue; // a line that is no event document is skipped, as the stores skip them
                }
                if (rec != null) each.accept(rec);
            }
        }
    }

    List<String> list(String filter) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                .filter(n -> filter == null || filter.equalsIgnoreCase("ALL") || n.contains(filter))
                .sorted().toList();
        }
    }

    /** A temporary zip of the selected events, one entry per type ({@code transactionalEvents.json}). */
    java.nio.file.Path zip(PurgeCriteria c) throws IOException {
        Path zip = Files.createTempFile("apigw-events-", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (EventType t : EventType.values()) {
                if (!c.types()[t.ordinal()]) continue;
                boolean[] one = new boolean[EventType.values().length];
                one[t.ordinal()] = true;
                out.putNextEntry(new ZipEntry(t.dataName() + ".json"));
                OutputStream entry = out;
                select(new PurgeCriteria(one, c.from(), c.until(), c.eventType()), doc -> {
                    try {
                        entry.write(doc.encode().getBytes(StandardCharsets.UTF_8));
                        entry.write('\n');
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                out.closeEntry();
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(zip);
            throw e;
        }
        return zip;
    }
}
