package dev.apigw.emulator.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a logsevents reindex merges the old node's quota counters of one application into the new node's. */
class LogsEventsWriterTest {
    private static final long HOUR = 3_600_000;

    private static JsonObject cycle(long start, long success, long failure) {
        return new JsonObject().put("startTime", start).put("successCount", success).put("failureCount", failure);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case                                         | new start | old start | interval | start  | success | failure
        "the same cycle: the counts add up               | 1000      | 1000      | 0        | 1000   | 12      | 3",
        "the new node persisted first, in the old cycle  | 5000      | 1000      | 3600000  | 1000   | 12      | 3",
        "the old node's cycle ended: the new one wins    | 3700000   | 1000      | 3600000  | 3700000 | 2      | 1",
        "the new node's cycle is older and ended         | 1000      | 3700000   | 3600000  | 3700000 | 10     | 2",
        "no known quota: the later cycle wins            | 5000      | 1000      | 0        | 5000   | 2       | 1"})
    void the_merged_cycle(String name, long newStart, long oldStart, long interval, long start, long success, long failure) {
        JsonObject old = cycle(oldStart, 10, 2).put(QuotaCounterStore.INTERVAL, interval);
        JsonObject merged = QuotaCounterStore.absorbed(cycle(newStart, 2, 1), old);
        assertEquals(cycle(start, success, failure), merged, name);
    }

    @Test
    void an_application_only_the_old_node_counted_takes_its_cycle() {
        assertEquals(cycle(1000, 10, 2), QuotaCounterStore.absorbed(null, cycle(1000, 10, 2).put(QuotaCounterStore.INTERVAL, HOUR)));
    }
}
