package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import dev.apigw.emulator.config.RedisConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RedisMetricsStoreIT {

    @Test
    void appends_publications_in_order_and_reads_them_back(Vertx vertx) {
        RedisConnector redis = new RedisConnector(vertx, new RedisConfig(RedisServer.sharedUrl(), 2_000, 4, 1_000));
        RedisMetricsStore store = new RedisMetricsStore(redis);
        String kind = RedisServer.randomKey("kind").replaceAll("[^a-z0-9]", "");
        Await.result(store.append(kind, List.of(new JsonObject().put("n", 1), new JsonObject().put("n", 2))));
        Await.result(store.append(kind, List.of(new JsonObject().put("n", 3))));
        List<JsonObject> read = Await.result(store.read(kind));
        assertEquals(List.of(1, 2, 3), read.stream().map(r -> r.getInteger("n")).toList());
        Await.result(redis.stop());
    }
}
