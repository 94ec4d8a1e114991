package dev.apigw.emulator.events;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.store.AtomicFiles;
import dev.apigw.emulator.store.DataDirectory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded event store: an append-only log of segment files under {@code <dataDir>/events}
 * ({@code seg-<n>.ndjson}, one JSON document per line, a transactional event in its {@link ShortForm}), each with its
 * in-memory columns ({@link Segment}). Retention by count hides the oldest rows and deletes a segment once all of its rows are gone;
 * by age, whole segments go and scans skip older rows. A purge rewrites the segments it touches (write, fsync,
 * rename). A crash loses at most the batch being written; a torn line is cut off at the next start.
 *
 * <p>Threads: everything but {@link #scan}/{@link #document} runs on the event writer's thread. Readers take the
 * segment array as it is (copy-on-write) and never lock; a segment the writer drops stays readable until no read can
 * hold it any more ({@link Retirement}).
 */
final class EmbeddedEventStore implements EventStore {
    private final Path dir;
    private final DataDirectory data;
    private final EventsConfig config;
    private final int segmentRows;
    private final Columns.Pool pool;
    private final Retirement retirement;
    private volatile Segment[] segments = new Segment[0];
    private final JsonOut out = new JsonOut();
    private NodeIdentity node;
    /** Pre-encoded parts of the events, made for the node when the store opens (writer thread). */
    private Fragments fragments;
    private long seq;
    private long nextFile;

    /** The tail segment appended to since the last fsync (writer thread only). */
    private Segment unsynced;

    EmbeddedEventStore(Path dataDir, EventsConfig config) {
        this.dir = dataDir.resolve("events");
        this.data = new DataDirectory(dataDir);
        this.config = config;
        // small retention, small segments: the count bound is exact anyway, but files should not outlive it by much
        this.segmentRows = (int) Math.max(64, Math.min(16_384, config.maxEvents() / 8));
        this.pool = new Columns.Pool(segmentRows, 4);
        this.retirement = new Retirement(config.queryTimeoutMs() + 5_000, pool);
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public void open(NodeIdentity node) throws IOException {
        this.node = node;
        this.fragments = new Fragments(node);
        data.claim();
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        List<Segment> loaded = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".tmp")) Files.deleteIfExists(f); // an interrupted rewrite: the original is intact
            else if (name.startsWith("seg-") && name.endsWith(".ndjson")) {
                if (!loaded.isEmpty()) loaded.get(loaded.size() - 1).seal(); // only the last one takes appends
                loaded.add(Segment.load(f, segmentRows, node));
                nextFile = Math.max(nextFile, number(name) + 1);
            }
        }
        segments = loaded.toArray(new Segment[0]);
        seq = System.currentTimeMillis() * 1000; // ids stay unique across restarts without reading them back
        retainCount();
    }

    private static long number(String name) {
        try {
            return Long.parseLong(name.substring(4, name.length() - 7));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void append(List<EventRecord> records) throws IOException {
        data.requirePresent(); // a vanished directory says so, instead of a missing segment file per batch
        List<EventRecord> all = withDerived(records);
        EventRecord[] batch = new EventRecord[all.size()];
        int[] starts = new int[all.size()];
        int[] lengths = new int[all.size()];
        Segment touched = null;
        for (int i = 0; i < all.size(); ) {
            Segment tail = writableTail();
            out.reset();
            int n = 0;
            while (i < all.size() && n < tail.room() && tail.bytes() + out.length() < Segment.MAX_BYTES) {
                EventStore.yieldEvery(i);
                EventRecord r = all.get(i++);
                starts[n] = out.length();
                r.writeStored(out, fragments, ++seq);
                lengths[n] = out.length() - starts[n];
                out.newline();
                batch[n++] = r;
            }
            long at = tail.write(out.array(), out.length());
            for (int k = 0; k < n; k++) tail.add(batch[k], node, at + starts[k], lengths[k]);
            tail.publish();
            if (touched != null && touched != tail) touched.force(); // a segment that takes no more rows
            touched = tail;
        }
        unsynced = touched;
        if (config.fsyncEveryBatch()) sync();
        retainCount();
    }

    /** The segment written last: its rows reach the disk here, or with the next flush or segment end. */
    @Override
    public void sync() throws IOException {
        Segment s = unsynced;
        unsynced = null;
        if (s != null) s.force();
    }

    static List<EventRecord> withDerived(List<EventRecord> records) {
        List<EventRecord> all = new ArrayList<>(records.size() + 8);
        for (EventRecord r : records) {
            all.add(r);
            EventRecord d = r.derived();
            if (d != null) all.add(d);
        }
        return all;
    }

    private Segment writableTail() throws IOException {
        Segment[] segs = segments;
        Segment tail = segs.length == 0 ? null : segs[segs.length - 1];
        if (tail != null && tail.room() > 0) return tail;
        if (tail != null) tail.seal();
        Segment fresh = Segment.create(dir.resolve(String.format("seg-%016d.ndjson", nextFile++)), pool.take(segmentRows), node);
        Segment[] next = Arrays.copyOf(segs, segs.length + 1);
        next[segs.length] = fresh;
        segments = next;
        return fresh;
    }

    /** Hides the oldest rows beyond {@code maxEvents}; a segment with no row left goes. */
    private void retainCount() throws IOException {
        Segment[] segs = segments;
        long excess = -config.maxEvents();
        for (Segment s : segs) excess += s.live();
        int drop = 0;
        while (excess > 0 && drop < segs.length) {
            Segment oldest = segs[drop];
            if (oldest.live() <= excess && drop < segs.length - 1) {
                excess -= oldest.live();
                drop++;
            } else {
                oldest.expireBefore(oldest.firstLive() + (int) Math.min(excess, oldest.live()));
                excess = 0;
            }
        }
        if (drop > 0) replace(Arrays.copyOfRange(segs, drop, segs.length), Arrays.copyOf(segs, drop));
    }

    /**
     * Every second: retention also releases the dropped segments no read holds any more, which hands their columns to
     * the next segments; less often would keep that memory up to ten seconds longer.
     */
    @Override
    public long retainEveryMs() {
        return 1_000;
    }

    @Override
    public void retain(long now) throws IOException {
        long cutoff = now - config.maxAgeMs();
        Segment[] segs = segments;
        List<Segment> keep = new ArrayList<>();
        List<Segment> gone = new ArrayList<>();
        for (Segment s : segs) (s.size() > 0 && s.maxTime() < cutoff ? gone : keep).add(s);
        if (!gone.isEmpty()) replace(keep.toArray(new Segment[0]), gone.toArray(new Segment[0]));
        retirement.release(now);
    }

    private void replace(Segment[] next, Segment[] dropped) throws IOException {
        segments = next;
        long now = System.currentTimeMillis();
        for (Segment s : dropped) {
            AtomicFiles.delete(s.file);
            retirement.retire(s, now);
        }
    }

    @Override
    public <T> T reading(Callable<T> read) throws Exception {
        return retirement.reading(read);
    }

    @Override
    public void scan(long lo, long hi, boolean[] types, Budget budget, Consumer<EventView> sink) {
        retirement.reading(() -> scanSegments(lo, hi, types, budget, sink));
    }

    private void scanSegments(long lo, long hi, boolean[] types, Budget budget, Consumer<EventView> sink) {
        SegmentView view = new SegmentView(budget);
        for (Segment s : segments) {
            int n = s.size(); // first: the bounds read next are at least as new as these rows
            if (n == 0 || s.maxTime() < lo || s.minTime() > hi) continue;
            for (int row = s.firstLive(); row < n; row++) {
                budget.tick();
                if (!types[s.type(row)]) continue;
                long t = s.time(row);
                if (t < lo || t > hi) continue;
                view.at(s, row);
                sink.accept(view);
            }
        }
    }

    @Override
    public JsonObject document(Object handle) {
        SegmentView.Ref ref = (SegmentView.Ref) handle;
        return ref.segment().document(ref.row());
    }

    @Override
    public long delete(boolean[] types, long from, long until) throws IOException {
        long removed = 0;
        for (Segment s : segments) {
            if (s.size() == 0 || s.maxTime() < from || s.minTime() > until || !touches(s, types, from, until)) continue;
            removed += rewrite(s, types, from, until);
        }
        return removed;
    }

    private static boolean touches(Segment s, boolean[] types, long from, long until) {
        for (int row = s.firstLive(); row < s.size(); row++) {
            long t = s.time(row);
            if (types[s.type(row)] && t >= from && t <= until) return true;
        }
        return false;
    }

    /** Writes the segment again without the purged rows (or deletes it), and swaps the result in. */
    private long rewrite(Segment s, boolean[] types, long from, long until) throws IOException {
        StringBuilder kept = new StringBuilder();
        long removed = 0;
        int n = s.size();
        for (int row = s.firstLive(); row < n; row++) {
            long t = s.time(row);
            if (types[s.type(row)] && t >= from && t <= until) removed++;
            else kept.append(s.document(row).encode()).append('\n');
        }
        Segment[] segs = segments;
        int at = Arrays.asList(segs).indexOf(s);
        if (kept.length() == 0) {
            Segment[] next = new Segment[segs.length - 1];
            System.arraycopy(segs, 0, next, 0, at);
            System.arraycopy(segs, at + 1, next, at, segs.length - at - 1);
            replace(next, new Segment[] {s});
            return removed;
        }
        AtomicFiles.write(s.file, kept.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Segment fresh = Segment.load(s.file, segmentRows, node);
        if (at < segs.length - 1) fresh.seal();
        Segment[] next = segs.clone();
        next[at] = fresh;
        segments = next;
        retirement.retire(s, System.currentTimeMillis()); // its file handle still reads the old content
        return removed;
    }

    @Override
    public long size() {
        long n = 0;
        for (Segment s : segments) n += s.live();
        return n;
    }

    @Override
    public void close() {
        for (Segment s : segments) s.close();
        retirement.closeAll();
    }

    /** Sets of columns waiting for the next segments, for tests. */
    int pooledColumns() {
        return pool.size();
    }

    /** Segment files on disk, for tests of the retention bound. */
    int segmentCount() {
        return segments.length;
    }
}
