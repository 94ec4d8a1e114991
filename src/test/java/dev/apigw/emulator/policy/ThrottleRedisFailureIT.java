package dev.apigw.emulator.policy;

import dev.apigw.emulator.NodeProbe;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each onStoreError mode with a real redis-server killed mid-run and started again (its data kept on disk). */
@ExtendWith(VertxExtension.class)
class ThrottleRedisFailureIT {
    RedisServer redis;
    EchoBackend echo;
    TestGateway gw;
    String apiId;
    String actionId;

    @BeforeEach
    void start(Vertx vertx) {
        redis = RedisServer.startNewPersistent();
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
        Await.result(echo.stop());
        redis.close();
    }

    private String deploy(Vertx vertx, int clusterNodes, JsonObject action) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", redis.url());
        settings.getJsonObject("rateLimit").put("clusterNodes", clusterNodes)
            .put("leaseMax", 0); // one Redis call per request: these tests take Redis away between two requests
        gw = TestGateway.start(vertx, settings);
        apiId = TestApis.register(gw, "Limited", "1.0", TestApis.openApi("Limited", "http://127.0.0.1:" + echo.port(), "/get"));
        actionId = Throttles.createAction(gw, action);
        Throttles.attachToApi(gw, apiId, actionId);
        gw.admin().put("/rest/apigateway/apis/" + apiId + "/activate").then().statusCode(200);
        ThrottleIT.awaitServed(gw, "/gateway/Limited/1.0/get");
        return "/gateway/Limited/1.0/get";
    }

    private Response call(String uri) {
        return gw.anonymous().get(uri);
    }

    /** Starts Redis again and returns how long the gateway took to use it again. */
    private long restartAndAwaitRecovery() {
        redis.start();
        long t0 = System.nanoTime();
        while (NodeProbe.of(gw.node()).rateLimits().degraded()) {
            if (System.nanoTime() - t0 > 5_000_000_000L) throw new AssertionError("no reconnect within 5 s");
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // poll interval, not synchronisation
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void fail_open_admits_flags_counts_turns_health_yellow_and_hands_the_counts_back(Vertx vertx) {
        String uri = deploy(vertx, 1, Throttles.action(100, 10, "minutes", List.of("AnyConsumers")));
        for (int i = 0; i < 2; i++) call(uri).then().statusCode(200);
        redis.stop();
        for (int i = 0; i < 5; i++) {
            call(uri).then().statusCode(200).header("X-RateLimit-Degraded", "FAIL_OPEN").header("X-RateLimit-Limit", "100");
        }
        assertEquals(5, NodeProbe.of(gw.node()).rateLimits().metrics().get(RateLimitMetrics.DEGRADED, "FAIL_OPEN"));
        assertEquals("yellow", gw.anonymous().get("/rest/apigateway/health/engine").jsonPath().getString("rateLimit.status"));

        long reconnectMs = restartAndAwaitRecovery();
        assertTrue(reconnectMs <= 1_000, "reconnected after " + reconnectMs + " ms");
        Redis client = Redis.createClient(vertx, redis.url());
        String key = "apigw:rl:{" + actionId + "|" + apiId + "|*}";
        long deadline = System.nanoTime() + 5_000_000_000L;
        String count = null;
        while (System.nanoTime() < deadline && !"7".equals(count)) {
            var r = Await.result(client.send(Request.cmd(Command.HGET).arg(key).arg("c")));
            count = r == null ? null : r.toString();
        }
        assertEquals("7", count, "2 counted by Redis before the outage + 5 admitted without it");
        client.close();
        Response after = call(uri);
        after.then().statusCode(200).header("X-RateLimit-Remaining", "92");
        assertEquals(null, after.header("X-RateLimit-Degraded"));
    }

    @Test
    void fail_closed_rejects_with_503_while_redis_is_away(Vertx vertx) {
        String uri = deploy(vertx, 1, Throttles.action(100, 10, "minutes", List.of("AnyConsumers"),
            PolicyActions.param("onStoreError", "FAIL_CLOSED")));
        call(uri).then().statusCode(200);
        redis.stop();
        for (int i = 0; i < 3; i++) {
            call(uri).then().statusCode(503).header("X-RateLimit-Degraded", "FAIL_CLOSED")
                .body("Exception", containsString("rate limit store is unavailable"));
        }
        assertEquals(3, NodeProbe.of(gw.node()).rateLimits().metrics().get(RateLimitMetrics.DEGRADED, "FAIL_CLOSED"));
        assertTrue(restartAndAwaitRecovery() <= 1_000);
        call(uri).then().statusCode(200).header("X-RateLimit-Remaining", "98");
    }

    @Test
    void local_enforces_this_nodes_share_of_the_limit(Vertx vertx) {
        String uri = deploy(vertx, 2, Throttles.action(10, 10, "minutes", List.of("AnyConsumers"),
            PolicyActions.param("onStoreError", "LOCAL")));
        call(uri).then().statusCode(200);
        redis.stop();
        for (int i = 0; i < 5; i++) call(uri).then().statusCode(200).header("X-RateLimit-Degraded", "LOCAL");
        call(uri).then().statusCode(429).header("X-RateLimit-Degraded", "LOCAL").header("X-RateLimit-Limit", "5");
        assertEquals(6, NodeProbe.of(gw.node()).rateLimits().metrics().get(RateLimitMetrics.DEGRADED, "LOCAL"));
        assertTrue(restartAndAwaitRecovery() <= 1_000);
        // 1 before + 5 admitted locally are in Redis now: 4 left of 10 before this call
        long deadline = System.nanoTime() + 5_000_000_000L;
        String remaining = null;
        while (System.nanoTime() < deadline && !"3".equals(remaining)) remaining = call(uri).header("X-RateLimit-Remaining");
        assertEquals("3", remaining);
    }
}
