package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.await;
import static dev.apigw.emulator.support.EventSearches.body;
import static dev.apigw.emulator.support.EventSearches.keyword;
import static dev.apigw.emulator.support.EventSearches.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.ServedApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on one Redis: each writes its own stream, and a search, count, aggregation or purge on either node
 * covers the events of both.
 */
@GatewayIT(redis = true, set = "events.flushIntervalMs=20")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterEventsIT {
    private static final String TX = "TRANSACTION_EVENTS";
    private TestGateway second;
    private DeployedApi api;

    @BeforeAll
    void twoNodes(TestGateway gw, Echo echo, RedisServer redis, Vertx vertx) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", redis.url());
        settings.getJsonObject("events").put("flushIntervalMs", 20);
        second = TestGateway.start(vertx, settings);
        api = gw.deploy("apis/echo.json", echo);
        ServedApis.awaitServed(second, api, "/get");
    }

    @AfterAll
    void stopSecond() {
        if (second != null) second.close();
    }

    /** Three requests through the first node and two through the second, all carrying the marker. */
    private void traffic(TestGateway gw, String marker) {
        for (int i = 0; i < 3; i++) gw.anonymous().get(api.path() + "/get?tag=" + marker).then().statusCode(200);
        for (int i = 0; i < 2; i++) second.anonymous().get(api.path() + "/get?tag=" + marker).then().statusCode(200);
    }

    @Test
    void a_search_on_either_node_sees_the_events_of_both(TestGateway gw) {
        String m = UUID.randomUUID().toString();
        traffic(gw, m);
        for (TestGateway node : new TestGateway[] {gw, second}) {
            JsonArray found = await(node, 5, TX, keyword("nativeURL", ".*" + m));
            assertEquals(5, found.size());
            Set<String> nodes = new HashSet<>();
            found.forEach(e -> nodes.add(((JsonObject) e).getString("sourceGatewayNode")));
            assertEquals(2, nodes.size(), "events of both nodes: " + nodes);
            assertEquals(5, EventSearches.count(node, TX, keyword("nativeURL", ".*" + m)));
        }
        JsonObject byNode = post(second, "/rest/apigateway/search/_aggregations", body(TX, keyword("nativeURL", ".*" + m))
            .put("aggregations", new JsonArray().add(new JsonObject().put("type", "group").put("fields", "sourceGatewayNode"))));
        JsonArray rows = byNode.getJsonObject(TX).getJsonArray("sourceGatewayNode");
        assertEquals(2, rows.size());
        assertEquals(3, rows.getJsonObject(0).getInteger("count"));
    }

    @Test
    void a_purge_on_one_node_removes_the_events_of_both(TestGateway gw) {
        String m = UUID.randomUUID().toString();
        traffic(gw, m);
        await(gw, 5, TX, keyword("nativeURL", ".*" + m));
        String until = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now().plusSeconds(60));
        String job = second.admin().delete("/rest/apigateway/apitransactions?eventType=transactionalEvents&until=" + until)
            .then().statusCode(202).extract().path("jobId");
        Poll.until("purged", () -> "Completed".equals(second.admin().get("/rest/apigateway/apitransactions/jobs/" + job)
            .then().statusCode(200).extract().path("status")));
        assertEquals(0, EventSearches.count(gw, TX, keyword("nativeURL", ".*" + m)));
    }

    @Test
    void each_node_writes_one_stream_named_in_the_set_of_streams(RedisServer redis, Vertx vertx) {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            Response members = Await.result(client.send(Request.cmd(Command.SMEMBERS).arg("apigw:events:nodes")));
            Set<String> streams = new HashSet<>();
            for (Response r : members) streams.add(r.toString());
            assertEquals(2, streams.size(), streams.toString());
            for (String s : streams) {
                assertTrue(s.matches("apigw:events:\\{[0-9a-f-]{36}}"), "one hash slot per stream: " + s);
                assertTrue(Await.result(client.send(Request.cmd(Command.XLEN).arg(s))).toLong() > 0);
            }
        } finally {
            client.close();
        }
    }
}
