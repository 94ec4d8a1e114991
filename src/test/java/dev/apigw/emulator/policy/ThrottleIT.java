package dev.apigw.emulator.policy;

import dev.apigw.emulator.NodeProbe;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ThrottleIT {
    EchoBackend echo;
    HttpClient client;
    final List<TestGateway> gateways = new ArrayList<>();

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(200).setMaxWaitQueueSize(-1));
    }

    @AfterEach
    void stop() {
        gateways.forEach(TestGateway::close);
        Await.result(client.close());
        Await.result(echo.stop());
    }

    private TestGateway gateway(Vertx vertx, boolean redis) {
        JsonObject settings = TestGateway.defaults();
        if (redis) settings.getJsonObject("redis").put("url", RedisServer.sharedUrl());
        // a slow shared CI machine must not turn into degraded decisions: this test is about exactness
        settings.put("rateLimit", settings.getJsonObject("rateLimit").copy().put("redisTimeoutMs", 5_000).put("onStoreError", "FAIL_CLOSED"));
        TestGateway gw = TestGateway.start(vertx, settings, List.of(Throttles.headerIdentification()));
        gateways.add(gw);
        return gw;
    }

    /**
     * Registers an API, enforces the given throttle actions (and header identification) in its SERVICE policy, then
     * activates it and waits until it is served: the first served request already sees the throttle.
     */
    private String api(TestGateway gw, boolean identify, JsonObject... throttles) {
        String name = "Echo-" + UUID.randomUUID().toString().substring(0, 8);
        String id = TestApis.register(gw, name, "1.0", TestApis.openApi(name, "http://127.0.0.1:" + echo.port(), "/get"));
        if (identify) Throttles.attachIdentification(gw, id);
        for (JsonObject t : throttles) Throttles.attachToApi(gw, id, Throttles.createAction(gw, t));
        gw.admin().put("/rest/apigateway/apis/" + id + "/activate").then().statusCode(200);
        awaitServed(gw, "/gateway/" + name + "/1.0/get");
        return name;
    }

    /** Polls (OPTIONS is not a declared method, so the 405 comes before any policy and is not counted) until the API is served. */
    static void awaitServed(TestGateway gw, String uri) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (gw.anonymous().options(uri).statusCode() != 404) return;
        }
        throw new AssertionError(uri + " not deployed on node " + gw.port());
    }

    @Test
    void admits_exactly_the_limit_of_1000_concurrent_requests_on_redis(Vertx vertx) {
        TestGateway gw = gateway(vertx, true);
        String name = api(gw, false, Throttles.action(100, 10, "minutes", List.of("AnyConsumers")));
        List<HttpClientResponse> all = Await.result(Throttles.fire(client, gw.port(), "/gateway/" + name + "/1.0/get", 1000));
        assertEquals(100, Throttles.count(all, 200));
        assertEquals(900, Throttles.count(all, 429));
        HttpClientResponse rejected = all.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertEquals("100", rejected.getHeader("X-RateLimit-Limit"));
        assertEquals("0", rejected.getHeader("X-RateLimit-Remaining"));
        assertNotNull(rejected.getHeader("Retry-After"));
        long violations = NodeProbe.of(gw.node()).rateLimits().metrics().snapshot().entrySet().stream()
            .filter(e -> e.getKey().startsWith(RateLimitMetrics.VIOLATIONS)).mapToLong(e -> e.getValue()).sum();
        assertEquals(900, violations);
    }

    @Test
    void success_and_rejection_carry_rate_limit_headers_and_the_runtime_error_body(Vertx vertx) {
        TestGateway gw = gateway(vertx, false);
        String name = api(gw, false, Throttles.action(2, 30, "seconds", List.of("AnyConsumers")));
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(200)
            .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "1").header("X-RateLimit-Reset", "30");
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(200).header("X-RateLimit-Remaining", "0");
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(429)
            .header("Retry-After", "30").header("X-RateLimit-Remaining", "0")
            .body("Exception", containsString("Traffic Optimization policy violated: more than 2 requests in 30 seconds"));
    }

    @Test
    void reject_status_503_is_a_per_action_choice(Vertx vertx) {
        TestGateway gw = gateway(vertx, false);
        String name = api(gw, false,
            Throttles.action(0, 1, "hours", List.of("AnyConsumers"), PolicyActions.param("rejectStatus", "503")));
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(503).header("Retry-After", equalTo("3600"));
    }

    @Test
    void two_nodes_on_one_redis_share_one_limit(Vertx vertx) {
        TestGateway a = gateway(vertx, true);
        TestGateway b = gateway(vertx, true);
        String name = api(a, false, Throttles.action(20, 10, "minutes", List.of("AnyConsumers")));
        String uri = "/gateway/" + name + "/1.0/get";
        awaitServed(b, uri);
        var fa = Throttles.fire(client, a.port(), uri, 30);
        var fb = Throttles.fire(client, b.port(), uri, 30);
        List<HttpClientResponse> onA = Await.result(fa);
        List<HttpClientResponse> onB = Await.result(fb);
        assertEquals(20, Throttles.count(onA, 200) + Throttles.count(onB, 200));
        assertEquals(40, Throttles.count(onA, 429) + Throttles.count(onB, 429));
    }

    @Test
    void application_counters_are_separate_and_any_consumers_shares_one(Vertx vertx) {
        TestGateway gw = gateway(vertx, false);
        String perApp = api(gw, true, Throttles.action(2, 1, "hours", List.of("appA", "appB")));
        String shared = api(gw, true, Throttles.action(2, 1, "hours", List.of("AnyConsumers")));
        for (String app : List.of("appA", "appA", "appB", "appB", "appC", "appC", "appC")) {
            gw.anonymous().header("X-Test-App", app).get("/gateway/" + perApp + "/1.0/get").then().statusCode(200);
        }
        gw.anonymous().header("X-Test-App", "appA").get("/gateway/" + perApp + "/1.0/get").then().statusCode(429);
        gw.anonymous().header("X-Test-App", "appB").get("/gateway/" + perApp + "/1.0/get").then().statusCode(429);

        gw.anonymous().header("X-Test-App", "appA").get("/gateway/" + shared + "/1.0/get").then().statusCode(200);
        gw.anonymous().header("X-Test-App", "appB").get("/gateway/" + shared + "/1.0/get").then().statusCode(200);
        gw.anonymous().header("X-Test-App", "appC").get("/gateway/" + shared + "/1.0/get").then().statusCode(429);
    }

    @Test
    void a_request_without_application_is_counted_by_client_address(Vertx vertx) {
        TestGateway gw = gateway(vertx, false);
        String name = api(gw, false, Throttles.action(1, 1, "hours", List.of("appA")));
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(200);
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(429);
    }

    @Test
    void an_active_global_policy_throttles_every_api_and_an_api_policy_only_its_own(Vertx vertx) {
        TestGateway gw = gateway(vertx, false);
        String own = api(gw, false, Throttles.action(1, 1, "hours", List.of("AnyConsumers")));
        String other = api(gw, false);
        gw.anonymous().get("/gateway/" + own + "/1.0/get").then().statusCode(200);
        gw.anonymous().get("/gateway/" + own + "/1.0/get").then().statusCode(429).header("X-RateLimit-Limit", "1");
        for (int i = 0; i < 3; i++) gw.anonymous().get("/gateway/" + other + "/1.0/get").then().statusCode(200);

        String global = Throttles.activateGlobal(gw, Throttles.createAction(gw,
            Throttles.action(2, 1, "hours", List.of("AnyConsumers"))));
        String later = api(gw, false);  // deployed after the activation, so its table has the global throttle
        for (String name : List.of(later, other)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) statuses.add(gw.anonymous().get("/gateway/" + name + "/1.0/get").statusCode());
            assertEquals(List.of(200, 200, 429), statuses, "each API has its own counter of the global throttle");
        }
        gw.admin().put("/rest/apigateway/policies/" + global + "/deactivate").then().statusCode(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gw.anonymous().get("/gateway/" + later + "/1.0/get").statusCode() != 200) {
            if (System.nanoTime() > deadline) throw new AssertionError("global throttle still enforced after deactivation");
        }
    }
}
