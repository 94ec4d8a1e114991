package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the embedded store. A {@code kill -9} cannot be delivered to the test's own JVM, so these tests
 * build on disk exactly what a kill at each point of {@link AtomicFiles#write} leaves behind (a complete or partial
 * {@code .tmp} next to the previous file, or no file yet) and check that opening the store sees the last complete
 * write. Files damaged by hand are skipped with a warning instead of stopping the node.
 */
class EmbeddedAssetStoreTest {
    @TempDir
    Path dataDir;
    Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        Await.result(vertx.close());
    }

    private Path apis() {
        return dataDir.resolve("assets").resolve("apis");
    }

    @Test
    void atomic_write_replaces_the_file_and_leaves_no_temporary_file() throws IOException {
        Path target = apis().resolve("a.json");
        AtomicFiles.write(target, "{\"id\":\"a\",\"v\":1}".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "{\"id\":\"a\",\"v\":2}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("{\"id\":\"a\",\"v\":2}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(apis())) {
            assertEquals(1, files.count());
        }
        AtomicFiles.delete(target);
        assertFalse(Files.exists(target));
    }

    @Test
    void a_write_interrupted_before_its_rename_keeps_the_previous_version() throws IOException {
        Files.createDirectories(apis());
        Files.writeString(apis().resolve("a.json"), "{\"id\":\"a\",\"v\":1}");
        Files.writeString(apis().resolve("a.json.tmp"), "{\"id\":\"a\",\"v\":2,\"half");  // killed mid-write
        Files.writeString(apis().resolve("b.json.tmp"), "{\"id\":\"b\"}");               // killed before rename
        EmbeddedAssetStore store = EmbeddedAssetStore.open(vertx, dataDir);
        assertEquals(1, Await.result(store.get(AssetType.APIS, "a")).getInteger("v"));
        assertNull(Await.result(store.get(AssetType.APIS, "b")));
        assertFalse(Files.exists(apis().resolve("a.json.tmp")), "leftover temporary files are cleaned up");
        Await.result(store.put(AssetType.APIS, "a", new JsonObject().put("v", 3)));
        assertEquals(3, EmbeddedAssetStore.open(vertx, dataDir).get(AssetType.APIS, "a").result().getInteger("v"));
    }

    @Test
    void a_truncated_or_foreign_file_is_skipped_and_the_rest_loads() throws IOException {
        Files.createDirectories(apis());
        Files.writeString(apis().resolve("good.json"), "{\"id\":\"good\"}");
        Files.writeString(apis().resolve("cut.json"), "{\"id\":\"cut\",\"apiName\":\"Pet");
        Files.writeString(apis().resolve("array.json"), "[1,2]");
        Files.write(apis().resolve("binary.json"), new byte[] {(byte) 0xC3, 0x28});
        Files.writeString(apis().resolve("notes.txt"), "ignored");
        EmbeddedAssetStore store = EmbeddedAssetStore.open(vertx, dataDir);
        assertEquals(1, Await.result(store.list(AssetType.APIS)).size());
        assertTrue(Files.exists(apis().resolve("cut.json")), "a damaged file is left for the operator to inspect");
    }

    @Test
    void documents_survive_reopening_and_deletes_are_durable() {
        EmbeddedAssetStore store = EmbeddedAssetStore.open(vertx, dataDir);
        Await.result(store.put(AssetType.APIS, "x", new JsonObject().put("apiName", "X")));
        Await.result(store.put(AssetType.POLICIES, "odd id/../with slash", new JsonObject().put("n", 1)));
        Await.result(store.put(AssetType.APIS, "gone", new JsonObject()));
        assertTrue(Await.result(store.delete(AssetType.APIS, "gone")));
        assertFalse(Await.result(store.delete(AssetType.APIS, "gone")));
        Await.result(store.stop());
        EmbeddedAssetStore reopened = EmbeddedAssetStore.open(vertx, dataDir);
        assertEquals("X", Await.result(reopened.get(AssetType.APIS, "x")).getString("apiName"));
        assertEquals(1, Await.result(reopened.get(AssetType.POLICIES, "odd id/../with slash")).getInteger("n"));
        assertNull(Await.result(reopened.get(AssetType.APIS, "gone")));
        assertTrue(Files.isDirectory(dataDir.resolve("assets").resolve("policies")));
    }

    @Test
    void documents_handed_out_are_copies() {
        EmbeddedAssetStore store = EmbeddedAssetStore.open(vertx, dataDir);
        Await.result(store.put(AssetType.APIS, "x", new JsonObject().put("v", 1)));
        Await.result(store.get(AssetType.APIS, "x")).put("v", 2);
        assertEquals(1, Await.result(store.get(AssetType.APIS, "x")).getInteger("v"));
    }
}
