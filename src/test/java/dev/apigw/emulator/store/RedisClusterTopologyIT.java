package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.RedisClusterSet;
import dev.apigw.emulator.support.TestApis;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateway nodes on a real three-master Redis Cluster ({@code redis-cluster://}): everything of
 * {@link SharedStoreContract}, with keys spread over the three masters (the change feed on classic pub/sub, which the
 * cluster broadcasts to every node); then a master killed, leaving a slot range down, and brought back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTopologyIT extends SharedStoreContract {
    RedisClusterSet cluster;

    @Override
    String startStore() {
        cluster = RedisClusterSet.start();
        return cluster.url();
    }

    @Override
    void stopStore() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void with_a_slot_range_down_traffic_flows_writes_get_503_and_everything_resumes_when_the_master_returns() {
        String name = randomName();
        String path = "/gateway/" + name + "/1.0/get";
        TestApis.registerActive(a, name, "1.0", echoUrl(), "/get");
        Eventually.until(ONE_SECOND, "node B serves the API", () -> status(b, path) == 200);

        cluster.kill(2);
        a.anonymous().get(path).then().statusCode(200);
        b.anonymous().get(path).then().statusCode(200);
        a.admin().contentType("application/json").body("{\"policyAction\":{\"templateKey\":\"logInvocation\"}}")
            .post("/rest/apigateway/policyActions").then().statusCode(503)
            .body("errorDetails", containsString("Redis Cluster did not answer"));
        Eventually.until(Duration.ofSeconds(5), "health shows the shared store down",
            () -> "red".equals(b.anonymous().get("/rest/apigateway/health/engine").jsonPath().getString("dataStore.status")));
        b.anonymous().get("/rest/apigateway/health/engine").then().statusCode(200).body("status", equalTo("yellow"))
            .body("capabilities.designTimeWrites.status", equalTo("red"));

        cluster.restart(2);
        String later = randomName();
        Eventually.until(Duration.ofSeconds(10), "design-time writes are accepted again",
            () -> a.admin().contentType("application/json").body("{\"policyAction\":{\"templateKey\":\"logInvocation\"}}")
                .post("/rest/apigateway/policyActions").statusCode() == 201);
        TestApis.registerActive(a, later, "1.0", echoUrl(), "/get");
        Eventually.until(Duration.ofSeconds(5), "node B serves an API published after the outage",
            () -> status(b, "/gateway/" + later + "/1.0/get") == 200);
    }
}
