package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.config.EventsConfig;
import dev.apigw.emulator.config.RedisConfig;
import dev.apigw.emulator.store.RedisConnector;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis event store on its own, against a real Redis: appends larger than one pipelined round trip. */
@ExtendWith(VertxExtension.class)
class RedisEventStoreIT {

    @Test
    void an_append_larger_than_one_pipeline_stores_every_event_in_order(Vertx vertx) throws Exception {
        RedisConnector redis = new RedisConnector(vertx, new RedisConfig(RedisServer.sharedUrl(), 10_000, 2, 1_000));
        RedisEventStore store = new RedisEventStore(redis,
            new EventsConfig(true, 100_000, 24, 1024, 20, 1024, 10_000, 10_000, true));
        String node = "node-" + UUID.randomUUID();
        try {
            store.open(new NodeIdentity(node));
            appendsInOrder(store);
        } finally { // the Redis is shared: leave no stream behind for other tests' searches
            String stream = RedisEventStore.streamOf(node);
            Await.result(redis.send(Request.cmd(Command.DEL).arg(stream)));
            Await.result(redis.send(Request.cmd(Command.SREM).arg(RedisEventStore.NODES).arg(stream)));
            Await.result(redis.stop());
        }
    }

    private static void appendsInOrder(RedisEventStore store) throws Exception {
        String mark = UUID.randomUUID() + ":"; // the shared Redis holds other tests' events too
        long now = System.currentTimeMillis();
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) records.add(StoredRecord.of(new JsonObject().put("id", mark + i)
            .put("eventType", EventType.TRANSACTION_EVENTS.stored()).put("creationDate", now).put("apiName", "a")));
        store.append(records);
        List<String> ids = new ArrayList<>();
        store.scan(now - 1, now + 1, EventStore.allTypes(), new Budget(100_000), e -> {
            String id = e.document().getString("id");
            if (id.startsWith(mark)) ids.add(id);
        });
        assertEquals(1000, ids.size());
        for (int i = 0; i < 1000; i++) assertEquals(mark + i, ids.get(i), "in the order appended");
    }
}
