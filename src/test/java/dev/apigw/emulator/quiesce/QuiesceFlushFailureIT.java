package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.NodeProbe;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class QuiesceFlushFailureIT {

    @Test
    void a_failed_flush_reports_failure_keeps_the_node_active_and_loses_no_count(Vertx vertx) {
        RedisServer redis = RedisServer.startNew();
        EchoBackend echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        JsonObject settings = TestGateway.defaults().put("quiescePort", Poll.freePort());
        settings.getJsonObject("redis").put("url", redis.url()).put("commandTimeoutMs", 500).put("maxPoolSize", 4);
        try (TestGateway gw = TestGateway.start(vertx, settings)) {
            TestApis.registerActive(gw, "Echo", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
            gw.anonymous().get("/gateway/Echo/1.0/get").then().statusCode(200);
            redis.stop();

            gw.admin().contentType("application/json").body("{\"enable\":true,\"block\":\"all\",\"flush\":[\"performance_metrics\"]}")
                .put("/rest/apigateway/quiescemode").then().statusCode(200);
            Poll.until("the flush fails", () -> "failure".equals(NodeProbe.of(gw.node()).quiesceView().getString("status")));
            gw.admin().get("/rest/apigateway/quiescemode").then().body("state", equalTo("ACTIVE"))
                .body("failureReason", containsString("flush failed"));
            gw.anonymous().get("/gateway/Echo/1.0/get").then().statusCode(200);

            redis.start();
            gw.admin().contentType("application/json").body("{\"enable\":true,\"block\":\"all\",\"flush\":[\"performance_metrics\"]}")
                .put("/rest/apigateway/quiescemode").then().statusCode(200);
            Poll.until("quiesced", () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.QUIESCED);
            RestAssured.given().port(gw.node().quiescePort()).auth().preemptive().basic("Administrator", "manage")
                .post("/invoke/wm.server.quiesce/setActiveMode").then().statusCode(200);
            gw.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then().statusCode(200)
                .body("total", equalTo(2));
        } finally {
            Await.result(echo.stop());
            redis.stop();
        }
    }
}
