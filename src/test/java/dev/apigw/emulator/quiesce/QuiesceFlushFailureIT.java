package dev.apigw.emulator.quiesce;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quiesce all with a flush of the performance metrics to a Redis that is away, then back. */
@GatewayIT(redis = true, perTest = true,
    set = {"quiescePort=${freePort}", "redis.commandTimeoutMs=500", "redis.maxPoolSize=4"})
class QuiesceFlushFailureIT {
    static final String QUIESCE_FLUSHING_METRICS = "quiescemode/all-flush-performance-metrics.json";

    @Test
    void a_failed_flush_reports_failure_keeps_the_node_active_and_loses_no_count(TestGateway gw, Echo echo, RedisServer redis) {
        DeployedApi api = gw.deploy("apis/echo-get.json", Map.of("name", "Echo", "echo", echo.url())); // no probe: both requests below are the only ones counted
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        redis.stop();

        Assets.json(gw, QUIESCE_FLUSHING_METRICS).put("/rest/apigateway/quiescemode").then().statusCode(200);
        Poll.until("the flush fails", () -> "failure".equals(NodeProbe.of(gw.node()).quiesceView().getString("status")));
        gw.admin().get("/rest/apigateway/quiescemode").then().body("state", equalTo("ACTIVE"))
            .body("failureReason", containsString("flush failed"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);

        redis.start();
        Assets.json(gw, QUIESCE_FLUSHING_METRICS).put("/rest/apigateway/quiescemode").then().statusCode(200);
        Poll.until("quiesced", () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.QUIESCED);
        RestAssured.given().port(gw.node().quiescePort()).auth().preemptive().basic("Administrator", "manage")
            .post("/invoke/wm.server.quiesce/setActiveMode").then().statusCode(200);
        gw.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then().statusCode(200)
            .body("total", equalTo(2));
    }
}
