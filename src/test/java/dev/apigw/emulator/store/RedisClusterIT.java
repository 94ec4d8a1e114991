package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.Routing;
import dev.apigw.emulator.support.ServedApis;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateway nodes (own ports, own data directories) sharing one real Redis: each sees the other's design-time
 * changes within a second, without restart. API names are random, so tests never collide on the shared Redis.
 */
@ExtendWith(VertxExtension.class)
class RedisClusterIT {
    static final Duration ONE_SECOND = Duration.ofSeconds(1);
    Vertx vertx;
    TestBackend blue;
    TestBackend green;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        blue = TestBackend.start(vertx, req -> req.response().end("blue " + req.path()));
        green = TestBackend.start(vertx, req -> req.response().end("green " + req.path()));
    }

    @AfterEach
    void stop() {
        blue.close();
        green.close();
    }

    static TestGateway node(Vertx vertx, String redisUrl) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", redisUrl);
        return TestGateway.start(vertx, settings);
    }

    static String randomName() {
        return "Api" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static int status(TestGateway gw, String name) {
        return gw.anonymous().get("/gateway/" + name + "/1.0/r").statusCode();
    }

    static String body(TestGateway gw, String name) {
        return gw.anonymous().get("/gateway/" + name + "/1.0/r").asString();
    }

    @Test
    void api_created_on_one_node_is_served_by_the_other_and_changes_flow_both_ways() {
        String url = RedisServer.sharedUrl();
        try (TestGateway a = node(vertx, url); TestGateway b = node(vertx, url)) {
            String name = randomName();
            String id = TestApis.registerActive(a, name, "1.0", blue.url(), "/r");
            Eventually.until(ONE_SECOND, "node B serves the API activated on A", () -> body(b, name).equals("blue /r"));
            b.admin().get("/rest/apigateway/apis/" + id).then().statusCode(200).body("apiResponse.api.apiName", equalTo(name));

            Routing.change(b, id, green.url() + "${sys:resource_path}");
            Eventually.until(ONE_SECOND, "node A follows the routing change made on B", () -> body(a, name).equals("green /r"));

            b.admin().put("/rest/apigateway/apis/" + id + "/deactivate").then().statusCode(200);
            Eventually.until(ONE_SECOND, "node A stops serving the API deactivated on B", () -> status(a, name) == 404);

            a.admin().delete("/rest/apigateway/apis/" + id).then().statusCode(204);
            Eventually.until(ONE_SECOND, "the API deleted on A is gone from B",
                () -> b.admin().get("/rest/apigateway/apis/" + id).statusCode() == 404);
        }
    }

    @Test
    void a_node_started_later_serves_what_is_already_in_redis() {
        String url = RedisServer.sharedUrl();
        try (TestGateway a = node(vertx, url)) {
            String name = randomName();
            ServedApis.serve(a, name, blue.url(), "/r", "/r");
            try (TestGateway late = node(vertx, url)) {
                late.anonymous().get("/gateway/" + name + "/1.0/r").then().statusCode(200).body(equalTo("blue /r"));
            }
        }
    }

    @Test
    void nodes_resubscribe_after_redis_restarts_and_later_changes_propagate() {
        try (RedisServer redis = RedisServer.startNew(); TestGateway a = node(vertx, redis.url());
             TestGateway b = node(vertx, redis.url())) {
            String before = randomName();
            TestApis.registerActive(a, before, "1.0", blue.url(), "/r");
            Eventually.until(ONE_SECOND, "B serves the first API", () -> status(b, before) == 200);

            redis.stop();
            // while Redis is away the runtime keeps serving from its route table, and admin writes fail cleanly
            b.anonymous().get("/gateway/" + before + "/1.0/r").then().statusCode(200);
            int down = a.admin().get("/rest/apigateway/apis").statusCode();
            assertEquals(503, down, "admin read with Redis down");
            redis.start();

            Eventually.until(Duration.ofSeconds(10), "node A's Redis client reconnects",
                () -> a.admin().get("/rest/apigateway/apis").statusCode() == 200);
            String after = randomName();
            TestApis.registerActive(a, after, "1.0", green.url(), "/r");
            Eventually.until(Duration.ofSeconds(3), "B, resubscribed, serves the API created after the restart",
                () -> status(b, after) == 200 && body(b, after).equals("green /r"));
        }
    }
}
