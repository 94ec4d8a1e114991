package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quota flushes from several nodes at once: every count lands (no read-modify-write), cycles roll over in the store. */
@ExtendWith(VertxExtension.class)
class QuotaCountersIT {

    @Test
    void four_nodes_flushing_the_same_application_together_lose_no_count(Vertx vertx) {
        List<Redis> clients = new ArrayList<>();
        List<RedisQuotaCounters> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Redis r = Redis.createClient(vertx, new RedisOptions().setConnectionString(RedisServer.sharedUrl()).setMaxPoolSize(8)
                .setMaxPoolWaiting(1024));
            clients.add(r);
            nodes.add(new RedisQuotaCounters(r, 10_000));
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
        clients.forEach(Redis::close);
    }

    @Test
    void an_ended_cycle_rolls_over_to_the_one_now_falls_in_in_both_stores(Vertx vertx) throws Exception {
        Redis redis = Redis.createClient(vertx, RedisServer.sharedUrl());
        EmbeddedQuotaCounters embedded = new EmbeddedQuotaCounters(vertx, Files.createTempDirectory("quota"));
        Await.result(embedded.start());
        for (QuotaCounterStore store : List.of(new RedisQuotaCounters(redis, 2_000), embedded)) {
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
        redis.close();
    }
}
