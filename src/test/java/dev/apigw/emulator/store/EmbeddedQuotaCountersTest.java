package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedded quota counters when their data directory cannot be written: counted once, saved once it can be. */
@ExtendWith(VertxExtension.class)
class EmbeddedQuotaCountersTest {
    @TempDir
    Path tmp;

    @Test
    void counts_added_while_the_data_directory_is_gone_are_counted_once_and_saved_when_it_is_back(Vertx vertx) throws Exception {
        Path data = tmp.resolve("data");
        EmbeddedQuotaCounters counters = new EmbeddedQuotaCounters(vertx, data);
        Await.result(counters.start());
        Path aside = tmp.resolve("aside");
        Files.move(data, aside);
        long now = System.currentTimeMillis();
        // a failed call would make the flusher keep these counts and add them again at its next flush
        Await.result(counters.add(List.of(new QuotaCounterStore.Delta("app", now, 0, now, 3, 1))));
        assertFalse(Files.exists(data), "not recreated");
        assertEquals(3, Await.result(counters.get("app")).getLong("successCount"));
        Files.move(aside, data);
        Await.result(counters.add(List.of(new QuotaCounterStore.Delta("app", now, 0, now, 2, 0))));
        Path file = data.resolve("quota").resolve("counters.json");
        assertTrue(Files.isRegularFile(file));
        JsonObject saved = new JsonObject(Files.readString(file)).getJsonObject("app");
        assertEquals(5, saved.getLong("successCount"), "both flushes, each once");
        assertEquals(1, saved.getLong("failureCount"));
        Await.result(counters.stop());
    }
}
