package dev.apigw.emulator.policy;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.HeaderIdentification;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Traffic Optimization (throttle) action on APIs from {@code apis/throttled-*.json}, each deployed once per node so
 * every test counts on windows of its own. Consumers are named by the {@code X-Test-App} header
 * ({@link HeaderIdentification}).
 */
@GatewayIT(policies = HeaderIdentification.class, set = {ThrottleIT.REDIS_TIMEOUT, ThrottleIT.FAIL_CLOSED})
class ThrottleIT {
    // a slow shared CI machine must not turn into degraded decisions: these tests are about exactness
    static final String REDIS_TIMEOUT = "rateLimit.redisTimeoutMs=5000";
    static final String FAIL_CLOSED = "rateLimit.onStoreError=FAIL_CLOSED";

    /**
     * Deploys the fixture and waits until it is served, polling with OPTIONS: not a declared method, so the 405
     * comes before any policy and is not counted. The first served request already sees the throttle.
     */
    static DeployedApi throttled(TestGateway gw, String fixture, Map<String, String> vars) {
        DeployedApi api = gw.deploy(fixture, vars);
        awaitServed(gw, api);
        return api;
    }

    static DeployedApi throttled(TestGateway gw, String fixture, Echo echo) {
        return throttled(gw, fixture, Map.of("echo", echo.url()));
    }

    static void awaitServed(TestGateway gw, DeployedApi api) {
        Poll.until(api.name() + " served on node " + gw.port(), 10_000,
            () -> gw.anonymous().options(api.path() + "/get").statusCode() != 404);
    }

    @Test
    void success_and_rejection_carry_rate_limit_headers_and_the_runtime_error_body(TestGateway gw, Echo echo) {
        DeployedApi api = throttled(gw, "apis/throttled-2-per-30-seconds.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200)
            .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "1").header("X-RateLimit-Reset", "30");
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).header("X-RateLimit-Remaining", "0");
        gw.anonymous().get(api.path() + "/get").then().statusCode(429)
            .header("Retry-After", "30").header("X-RateLimit-Remaining", "0")
            .body("Exception", containsString("Traffic Optimization policy violated: more than 2 requests in 30 seconds"));
    }

    @Test
    void reject_status_503_is_a_per_action_choice(TestGateway gw, Echo echo) {
        DeployedApi api = throttled(gw, "apis/throttled-0-per-hour-rejecting-with-503.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(503).header("Retry-After", equalTo("3600"));
    }

    @Test
    void application_counters_are_separate_and_any_consumers_shares_one(TestGateway gw, Echo echo) {
        DeployedApi perApp = throttled(gw, "apis/throttled-2-per-hour-for-appA-and-appB.json", echo);
        DeployedApi shared = throttled(gw, "apis/throttled-2-per-hour-for-any-consumer.json", echo);
        for (String app : List.of("appA", "appA", "appB", "appB", "appC", "appC", "appC")) {
            gw.anonymous().header("X-Test-App", app).get(perApp.path() + "/get").then().statusCode(200);
        }
        gw.anonymous().header("X-Test-App", "appA").get(perApp.path() + "/get").then().statusCode(429);
        gw.anonymous().header("X-Test-App", "appB").get(perApp.path() + "/get").then().statusCode(429);

        gw.anonymous().header("X-Test-App", "appA").get(shared.path() + "/get").then().statusCode(200);
        gw.anonymous().header("X-Test-App", "appB").get(shared.path() + "/get").then().statusCode(200);
        gw.anonymous().header("X-Test-App", "appC").get(shared.path() + "/get").then().statusCode(429);
    }

    @Test
    void a_request_without_application_is_counted_by_client_address(TestGateway gw, Echo echo) {
        DeployedApi api = throttled(gw, "apis/throttled-1-per-hour-for-appA.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        gw.anonymous().get(api.path() + "/get").then().statusCode(429);
    }

    @Test
    void an_active_global_policy_throttles_every_api_and_an_api_policy_only_its_own(TestGateway gw, Echo echo) {
        DeployedApi own = throttled(gw, "apis/throttled-1-per-hour.json", echo);
        DeployedApi other = throttled(gw, "apis/echo-get.json", Map.of("name", "Unthrottled", "echo", echo.url()));
        gw.anonymous().get(own.path() + "/get").then().statusCode(200);
        gw.anonymous().get(own.path() + "/get").then().statusCode(429).header("X-RateLimit-Limit", "1");
        for (int i = 0; i < 3; i++) gw.anonymous().get(other.path() + "/get").then().statusCode(200);

        String global = Assets.policy(gw, "policies/global-throttle.json",
            Map.of("action", Assets.policyAction(gw, "policyActions/throttle-2-per-hour.json")));
        gw.admin().put("/rest/apigateway/policies/" + global + "/activate").then().statusCode(200);
        // deployed after the activation, so its table has the global throttle
        DeployedApi later = throttled(gw, "apis/echo-get.json", Map.of("name", "DeployedLater", "echo", echo.url()));
        for (DeployedApi api : List.of(later, other)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) statuses.add(gw.anonymous().get(api.path() + "/get").statusCode());
            assertEquals(List.of(200, 200, 429), statuses, "each API has its own counter of the global throttle");
        }
        gw.admin().put("/rest/apigateway/policies/" + global + "/deactivate").then().statusCode(200);
        Poll.until("global throttle no longer enforced after deactivation", 10_000,
            () -> gw.anonymous().get(later.path() + "/get").statusCode() == 200);
    }

    /** A node of its own on the class's own Redis, and a client for bursts of concurrent requests. */
    @Nested
    @GatewayIT(redis = true, policies = HeaderIdentification.class, set = {ThrottleIT.REDIS_TIMEOUT, ThrottleIT.FAIL_CLOSED})
    class OnRedis {
        private HttpClient client;

        @BeforeEach
        void client(Vertx vertx) {
            client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(200).setMaxWaitQueueSize(-1));
        }

        @AfterEach
        void closeClient() {
            Await.result(client.close());
        }

        private long violations(TestGateway gw) {
            return NodeProbe.of(gw.node()).rateLimits().metrics().snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith(RateLimitMetrics.VIOLATIONS)).mapToLong(e -> e.getValue()).sum();
        }

        @Test
        void admits_exactly_the_limit_of_1000_concurrent_requests_on_redis(TestGateway gw, Echo echo) {
            DeployedApi api = throttled(gw, "apis/throttled-100-per-10-minutes.json", echo);
            long violationsBefore = violations(gw);
            List<HttpClientResponse> all = Await.result(Throttles.fire(client, gw.port(), api.path() + "/get", 1000));
            assertEquals(100, Throttles.count(all, 200));
            assertEquals(900, Throttles.count(all, 429));
            HttpClientResponse rejected = all.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertEquals("100", rejected.getHeader("X-RateLimit-Limit"));
            assertEquals("0", rejected.getHeader("X-RateLimit-Remaining"));
            assertNotNull(rejected.getHeader("Retry-After"));
            assertEquals(900, violations(gw) - violationsBefore);
        }

        @Test
        void two_nodes_on_one_redis_share_one_limit(TestGateway a, Echo echo) {
            try (TestGateway b = a.peer()) {
                DeployedApi api = throttled(a, "apis/throttled-20-per-10-minutes.json", echo);
                awaitServed(b, api);
                String uri = api.path() + "/get";
                var fa = Throttles.fire(client, a.port(), uri, 30);
                var fb = Throttles.fire(client, b.port(), uri, 30);
                List<HttpClientResponse> onA = Await.result(fa);
                List<HttpClientResponse> onB = Await.result(fb);
                assertEquals(20, Throttles.count(onA, 200) + Throttles.count(onB, 200));
                assertEquals(40, Throttles.count(onA, 429) + Throttles.count(onB, 429));
            }
        }
    }
}
