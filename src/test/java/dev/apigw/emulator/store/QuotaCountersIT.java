package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.apigw.emulator.config.RedisConfig;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quota flushes from several nodes at once: every count lands (no read-modify-write), cycles roll over in the store;
 * another gateway's counters (a migration) are absorbed by the same rule in both stores, and a reset clears them.
 */
@ExtendWith(VertxExtension.class)
class QuotaCountersIT {

    static RedisConnector connector(Vertx vertx) {
        return new RedisConnector(vertx, new RedisConfig(RedisServer.sharedUrl(), 10_000, 8, 1_000));
    }

    @Test
    void four_nodes_flushing_the_same_application_together_lose_no_count(Vertx vertx) {
        List<RedisConnector> clients = new ArrayList<>();
        List<RedisQuotaCounters> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RedisConnector r = connector(vertx);
            clients.add(r);
            nodes.add(new RedisQuotaCounters(r));
        }
        String app = RedisServer.randomKey("app");
        long now = System.currentTimeMillis();
        List<Future<Void>> flushes = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (RedisQuotaCounters node : nodes) {
                flushes.add(node.add(List.of(new QuotaCounterStore.Delta(app, now, 3_600_000, now, 3, 1))));
            }
        }
        Await.result(Future.all(flushes));
        JsonObject cycle = Await.result(nodes.get(0).get(app));
        assertEquals(240, cycle.getLong("successCount"));
        assertEquals(80, cycle.getLong("failureCount"));
        assertEquals(now, cycle.getLong("startTime"));
        clients.forEach(c -> Await.result(c.stop()));
    }

    @Test
    void an_ended_cycle_rolls_over_to_the_one_now_falls_in_in_both_stores(Vertx vertx) throws Exception {
        RedisConnector redis = connector(vertx);
        EmbeddedQuotaCounters embedded = new EmbeddedQuotaCounters(vertx, Files.createTempDirectory("quota"));
        Await.result(embedded.start());
        for (QuotaCounterStore store : List.of(new RedisQuotaCounters(redis), embedded)) {
            String app = RedisServer.randomKey("app");
            long t0 = System.currentTimeMillis() - 130_000; // a cycle that began 130 s ago: two minute cycles have ended
            Await.result(store.add(List.of(new QuotaCounterStore.Delta(app, t0, 60_000, t0 + 1_000, 5, 0))));
            Await.result(store.add(List.of(new QuotaCounterStore.Delta(app, t0, 60_000, t0 + 130_000, 2, 1))));
            JsonObject cycle = Await.result(store.get(app));
            assertEquals(t0 + 120_000, cycle.getLong("startTime"), store.getClass().getSimpleName());
            assertEquals(2, cycle.getLong("successCount"));
            assertEquals(1, cycle.getLong("failureCount"));
        }
        Await.result(embedded.stop());
        Await.result(redis.stop());
    }

    @Test
    void another_gateways_cycles_add_up_in_the_same_cycle_and_the_later_one_wins_otherwise(Vertx vertx) throws Exception {
        RedisConnector redis = connector(vertx);
        EmbeddedQuotaCounters embedded = new EmbeddedQuotaCounters(vertx, Files.createTempDirectory("quota"));
        Await.result(embedded.start());
        for (QuotaCounterStore store : List.of(new RedisQuotaCounters(redis), embedded)) {
            String same = RedisServer.randomKey("same");
            String later = RedisServer.randomKey("later");
            String earlier = RedisServer.randomKey("earlier");
            String fresh = RedisServer.randomKey("fresh");
            for (String app : List.of(same, later, earlier)) {
                Await.result(store.add(List.of(new QuotaCounterStore.Delta(app, 1_000, 0, 2_000, 4, 1))));
            }
            Await.result(store.absorb(Map.of(same, cycle(1_000, 2, 2), later, cycle(5_000, 7, 0),
                earlier, cycle(500, 9, 9), fresh, cycle(3_000, 1, 0))));
            Map<String, JsonObject> all = Await.result(store.getAll(List.of(same, later, earlier, fresh, "none")));
            String name = store.getClass().getSimpleName();
            assertEquals(cycle(1_000, 6, 3), all.get(same), name);
            assertEquals(cycle(5_000, 7, 0), all.get(later), name);
            assertEquals(cycle(1_000, 4, 1), all.get(earlier), name);
            assertEquals(cycle(3_000, 1, 0), all.get(fresh), name);
            assertEquals(4, all.size(), name);
            Await.result(store.clear());
            assertNull(Await.result(store.get(same)), name + " cleared");
        }
        Await.result(embedded.stop());
        Await.result(redis.stop());
    }

    private static JsonObject cycle(long start, long success, long failure) {
        return new JsonObject().put("startTime", start).put("successCount", success).put("failureCount", failure);
    }
}
