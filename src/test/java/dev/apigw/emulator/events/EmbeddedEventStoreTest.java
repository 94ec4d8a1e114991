package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.config.EventsConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded segment log on its own: restart, a torn or foreign line, retention by count and by age, purge. */
class EmbeddedEventStoreTest {
    private static final NodeIdentity NODE = new NodeIdentity("node-a");
    private static final long NOW = System.currentTimeMillis();
    @TempDir
    Path dataDir;
    private EmbeddedEventStore store;

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    private static EventsConfig config(long maxEvents, long maxAgeHours) {
        return new EventsConfig(true, maxEvents, maxAgeHours, 1024, 20, 1024, 10_000, 10_000, true);
    }

    private EmbeddedEventStore open(EventsConfig config) throws IOException {
        if (store != null) store.close();
        store = new EmbeddedEventStore(dataDir, config);
        store.open(NODE);
        return store;
    }

    private static EventRecord event(EventType type, String api, long date, int n) {
        return StoredRecord.of(new JsonObject().put("id", "t:" + n).put("eventType", type.stored()).put("creationDate", date)
            .put("apiName", api).put("responseCode", "200").put("totalTime", n));
    }

    private static List<EventRecord> events(int from, int to, long date) {
        List<EventRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(event(EventType.TRANSACTION_EVENTS, "api" + (i % 3), date, i));
        return out;
    }

    /** The ids of every stored event, oldest first. */
    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        store.scan(Long.MIN_VALUE, Long.MAX_VALUE, EventStore.allTypes(), new Budget(10_000),
            e -> ids.add(e.document().getString("id")));
        return ids;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("events"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        }
    }

    @Test
    void events_survive_a_restart_and_a_torn_last_line_is_cut_off() throws IOException {
        open(config(1000, 24)).append(events(0, 10, NOW));
        store.close();
        Path last = segmentFiles().get(segmentFiles().size() - 1);
        Files.writeString(last, "{\"id\":\"torn\",\"eventTy", StandardOpenOption.APPEND); // a crash mid-write
        open(config(1000, 24));
        assertEquals(10, store.size());
        assertTrue(Files.readString(last).endsWith("\n"), "the torn line is gone from the file");
        store.append(events(10, 11, NOW));
        open(config(1000, 24));
        assertEquals(11, ids().size());
        assertEquals("t:10", ids().get(10));
    }

    @Test
    void a_line_that_is_no_event_is_skipped_not_fatal() throws IOException {
        open(config(1000, 24)).append(events(0, 3, NOW));
        store.close();
        Files.writeString(segmentFiles().get(0), "not json\n{\"eventType\":\"Unheard\"}\n", StandardOpenOption.APPEND);
        open(config(1000, 24)).append(events(3, 4, NOW));
        assertEquals(List.of("t:0", "t:1", "t:2", "t:3"), ids());
    }

    @Test
    void the_count_retention_keeps_exactly_the_newest_events_and_bounds_the_files() throws IOException {
        open(config(100, 24));
        for (int i = 0; i < 1000; i += 50) store.append(events(i, i + 50, NOW));
        assertEquals(100, store.size());
        List<String> ids = ids();
        assertEquals(100, ids.size());
        assertEquals("t:900", ids.get(0));
        assertEquals("t:999", ids.get(99));
        assertTrue(segmentFiles().size() <= 3, "segments of 64 events (the smallest): " + segmentFiles());
        open(config(100, 24));
        assertEquals(ids, ids(), "the same events after a restart");
    }

    @Test
    void segments_after_the_query_grace_reuse_the_columns_of_dropped_ones_and_read_their_own_rows() throws IOException {
        open(config(100, 24)); // segments of 64 events
        for (int i = 0; i < 640; i += 64) store.append(events(i, i + 64, NOW));
        assertEquals(0, store.pooledColumns(), "dropped segments keep their columns while a query may read them");
        store.retain(System.currentTimeMillis() + 60_000); // past the grace: their columns go to the pool
        int pooled = store.pooledColumns();
        assertTrue(pooled > 0, "columns of dropped segments pooled: " + pooled);
        store.append(events(640, 704, NOW + 1));
        assertEquals(pooled - 1, store.pooledColumns(), "the next segment took a pooled set");
        List<String> ids = ids();
        assertEquals(100, ids.size());
        assertEquals("t:604", ids.get(0));
        assertEquals("t:703", ids.get(99));
        assertEquals(100, store.size());
    }

    @Test
    void with_no_read_running_dropped_segments_hand_their_columns_on_at_once_and_a_running_read_keeps_them()
        throws Exception {
        open(config(100, 24)); // segments of 64 events
        int pooled = store.reading(() -> {
            for (int i = 0; i < 640; i += 64) store.append(events(i, i + 64, NOW));
            store.retain(System.currentTimeMillis());
            return store.pooledColumns();
        });
        assertEquals(0, pooled, "a read is running: the dropped segments wait for the grace");
        store.retain(System.currentTimeMillis());
        assertTrue(store.pooledColumns() > 0, "no read running: their columns go to the pool");
        assertEquals(100, ids().size());
    }

    @Test
    void reads_running_beside_retention_never_see_reused_columns() throws Exception {
        open(config(200, 24)); // segments of 64 events, dropped and reused all the time
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> mismatch = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong checked = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get() && mismatch.get() == null) {
                try {
                    store.reading(() -> {
                        List<Object[]> seen = new ArrayList<>();
                        store.scan(Long.MIN_VALUE, Long.MAX_VALUE, EventStore.allTypes(), new Budget(10_000),
                            e -> seen.add(new Object[] {e.handle(), (long) e.number("totalTime")}));
                        for (Object[] row : seen) {
                            long inDocument = store.document(row[0]).getLong("totalTime");
                            if (inDocument != (long) row[1]) mismatch.set(row[1] + " in the columns, " + inDocument + " in the file");
                            checked.incrementAndGet();
                        }
                        return null;
                    });
                } catch (Exception e) {
                    mismatch.set(e.toString());
                }
            }
        });
        reader.start();
        long until = System.currentTimeMillis() + 1_000;
        long deadline = until + 10_000;
        for (int i = 0; mismatch.get() == null && System.currentTimeMillis() < deadline
            && (System.currentTimeMillis() < until || checked.get() < 1_000); i += 50) {
            store.append(events(i, i + 50, NOW));
            store.retain(System.currentTimeMillis());
        }
        done.set(true);
        reader.join(10_000);
        assertEquals(null, mismatch.get());
        assertTrue(checked.get() >= 1_000, "events read beside the writer: " + checked.get());
    }

    @Test
    void the_age_retention_drops_whole_segments_of_old_events() throws IOException {
        open(config(512, 1)); // segments of 512 / 8 = 64 events
        store.append(events(0, 64, NOW - 3 * 3_600_000)); // fills one segment
        store.append(events(64, 70, NOW));
        assertEquals(2, segmentFiles().size());
        store.retain(NOW);
        assertEquals(1, segmentFiles().size());
        assertEquals(6, ids().size());
    }

    @Test
    void a_purge_removes_only_the_selected_types_and_times_and_lasts() throws IOException {
        open(config(1000, 24));
        List<EventRecord> mixed = new ArrayList<>(events(0, 10, NOW - 60_000));
        mixed.add(event(EventType.LIFECYCLE_EVENTS, "x", NOW - 60_000, 100));
        mixed.addAll(events(10, 15, NOW));
        store.append(mixed);
        boolean[] tx = EventStore.types(List.of(EventType.TRANSACTION_EVENTS));
        assertEquals(10, store.delete(tx, Long.MIN_VALUE, NOW - 1));
        List<String> expected = new ArrayList<>(List.of("t:100"));
        for (int i = 10; i < 15; i++) expected.add("t:" + i);
        assertEquals(expected, ids());
        store.append(events(15, 16, NOW)); // the rewritten tail takes appends
        open(config(1000, 24));
        expected.add("t:15");
        assertEquals(expected, ids());
    }

    @Test
    void a_search_reads_columns_and_documents_alike() throws IOException {
        open(config(1000, 24)).append(events(0, 30, NOW));
        EventSearch search = new EventSearch(null, store, config(1000, 24));
        JsonObject body = new JsonObject().put("scope", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("attributeName", "apiName").put("keyword", "api1"))
            .add(new JsonObject().put("attributeName", "id").put("keyword", "t:(1|4|7)")));
        EventQuery q = EventQueryParser.parse(body, List.of(EventType.TRANSACTION_EVENTS), NOW, 100);
        assertEquals(3, search.count(q).getLong("transaction_events"), "t:1, t:4, t:7 are api1 (i % 3 == 1)");
        JsonObject found = search.search(q);
        assertEquals("t:1", found.getJsonArray("transaction_events").getJsonObject(0).getString("id"));
        Files.writeString(dataDir.resolve("unrelated"), "x", StandardCharsets.UTF_8);
    }
}
