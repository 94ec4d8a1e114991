package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway nodes (own ports, own data directories) sharing one real Redis of the class's own: the class's node
 * {@code a} and its peer {@code b}. Each sees the other's design-time changes within a second, without restart.
 */
@GatewayIT(redis = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterIT {
    private TestGateway a;
    private TestGateway b;
    private TestBackend blue;
    private TestBackend green;

    @BeforeAll
    void start(TestGateway a, Vertx vertx) {
        this.a = a;
        b = a.peer();
        blue = TestBackend.start(vertx, req -> req.response().end("blue " + req.path()));
        green = TestBackend.start(vertx, req -> req.response().end("green " + req.path()));
    }

    @AfterAll
    void stop() {
        b.close();
        blue.close();
        green.close();
    }

    /** Creates {@code apis/inactive.json} (one resource, {@code /x}) on the node and activates it there. */
    static DeployedApi activeOn(TestGateway gw, String name, TestBackend backend) {
        DeployedApi api = gw.deploy("apis/inactive.json", Map.of("name", name, "version", "1.0", "backend", backend.url()));
        gw.admin().put("/rest/apigateway/apis/" + api.id() + "/activate").then().statusCode(200);
        return api;
    }

    static int status(TestGateway gw, DeployedApi api) {
        return gw.anonymous().get(api.path() + "/x").statusCode();
    }

    static String body(TestGateway gw, DeployedApi api) {
        return gw.anonymous().get(api.path() + "/x").asString();
    }

    @Test
    void api_created_on_one_node_is_served_by_the_other_and_changes_flow_both_ways() {
        DeployedApi api = activeOn(a, "Flowing", blue);
        Poll.until("node B serves the API activated on A", 1_000, () -> body(b, api).equals("blue /x"));
        b.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(200).body("apiResponse.api.apiName", equalTo("Flowing"));

        Routing.change(b, api.id(), green.url() + "${sys:resource_path}");
        Poll.until("node A follows the routing change made on B", 1_000, () -> body(a, api).equals("green /x"));

        b.admin().put("/rest/apigateway/apis/" + api.id() + "/deactivate").then().statusCode(200);
        Poll.until("node A stops serving the API deactivated on B", 1_000, () -> status(a, api) == 404);

        a.admin().delete("/rest/apigateway/apis/" + api.id()).then().statusCode(204);
        Poll.until("the API deleted on A is gone from B", 1_000,
            () -> b.admin().get("/rest/apigateway/apis/" + api.id()).statusCode() == 404);
    }

    @Test
    void a_node_started_later_serves_what_is_already_in_redis() {
        DeployedApi api = a.deploy("apis/any-method.json", Map.of("name", "Existing", "backend", blue.url()));
        try (TestGateway late = a.peer()) {
            late.anonymous().get(api.path() + "/r").then().statusCode(200).body(equalTo("blue /r"));
        }
    }

    /** Nodes of their own: the test restarts their Redis. */
    @Nested
    @GatewayIT(redis = true, perTest = true)
    class WhenRedisRestarts {
        private TestGateway b;

        @BeforeEach
        void startPeer(TestGateway a) {
            b = a.peer();
        }

        @AfterEach
        void stopPeer() {
            b.close();
        }

        @Test
        void nodes_resubscribe_after_redis_restarts_and_later_changes_propagate(TestGateway a, RedisServer redis) {
            DeployedApi before = activeOn(a, "Before", blue);
            Poll.until("B serves the first API", 1_000, () -> status(b, before) == 200);

            redis.stop();
            // while Redis is away the runtime keeps serving from its route table, and admin writes fail cleanly
            b.anonymous().get(before.path() + "/x").then().statusCode(200);
            int down = a.admin().get("/rest/apigateway/apis").statusCode();
            assertEquals(503, down, "admin read with Redis down");
            redis.start();

            Poll.until("node A's Redis client reconnects", 10_000, () -> a.admin().get("/rest/apigateway/apis").statusCode() == 200);
            DeployedApi after = activeOn(a, "After", green);
            Poll.until("B, resubscribed, serves the API created after the restart", 3_000,
                () -> status(b, after) == 200 && body(b, after).equals("green /x"));
        }
    }
}
