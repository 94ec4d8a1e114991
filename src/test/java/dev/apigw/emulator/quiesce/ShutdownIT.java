package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.NodeProbe;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.store.EmbeddedMetricsStore;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ShutdownIT {
    EchoBackend echo;
    TestGateway gw;
    HttpClient client;

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx);
        TestApis.registerActive(gw, "Slow", "1.0", "http://127.0.0.1:" + echo.port(), "/delay/{ms}", "/get");
        client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(20));
    }

    @AfterEach
    void stop() {
        Await.result(client.close());
        gw.close();
        Await.result(echo.stop());
    }

    @Test
    void shutdown_drain_lets_in_flight_requests_finish_flushes_and_then_exits(Vertx vertx) {
        List<Future<Integer>> slow = new ArrayList<>();
        // the setup's last admin call is counted out when its response has been written, which can be just
        // after the client read it: wait for that, so the count below is only the requests sent here
        Poll.until("setup requests counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
        for (int i = 0; i < 10; i++) slow.add(get("/gateway/Slow/1.0/delay/800"));
        Poll.until("10 requests in flight", () -> NodeProbe.of(gw.node()).inFlight() == 10);

        gw.admin().contentType("application/json").body("{\"option\":\"drain\",\"timeout\":1,\"bounce\":false}")
            .post("/rest/apigateway/shutdown").then().statusCode(200)
            .body("message", equalTo("Server shutdown is in progress.")).body("timeout", equalTo("1"));
        for (Future<Integer> f : slow) assertEquals(200, Await.result(f));
        assertEquals(0, Await.result(gw.node().exited()), "a clean stop without bounce exits 0");
        List<JsonObject> published = Await.result(new EmbeddedMetricsStore(vertx, gw.config().dataDir()).read("performance_metrics"));
        assertEquals(10L, published.stream().mapToLong(r -> r.getLong("count")).sum());
    }

    @Test
    void sigterm_path_drains_before_stopping() {
        // the setup's last admin call is counted out when its response has been written, which can be just
        // after the client read it: wait for that, so the count below is only the requests sent here
        Poll.until("setup requests counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
        Future<Integer> slow = get("/gateway/Slow/1.0/delay/500");
        Poll.until("in flight", () -> NodeProbe.of(gw.node()).inFlight() == 1);
        Future<Integer> stopped = gw.node().shutdown(10_000);
        assertEquals(200, Await.result(slow));
        assertEquals(0, Await.result(stopped));
    }

    @Test
    void bad_shutdown_bodies_are_400() {
        for (String body : new String[] {"", "{}", "{\"option\":\"later\"}", "{\"option\":\"drain\",\"timeout\":\"soon\"}",
            "{\"option\":\"force\",\"bounce\":\"yes\"}", "{\"option\":\"drain\",\"timeout\":-1}"}) {
            gw.admin().contentType("application/json").body(body).post("/rest/apigateway/shutdown")
                .then().statusCode(400).body("errorDetails", containsString("Invalid payload"));
        }
        gw.anonymous().get("/gateway/Slow/1.0/get").then().statusCode(200);
    }

    @Test
    void destination_config_sets_the_publish_interval_and_rejects_bad_values() {
        gw.admin().get("/rest/apigateway/configurations/gatewayDestinationConfig").then().statusCode(200)
            .body("metricsPublishInterval", equalTo("60"));
        gw.admin().contentType("application/json").body("{\"metricsPublishInterval\":\"61\"}")
            .put("/rest/apigateway/configurations/gatewayDestinationConfig").then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"nope\":{\"nested\":1}}")
            .put("/rest/apigateway/configurations/gatewayDestinationConfig").then().statusCode(400)
            .body("errorDetails", equalTo(" Invalid property key found in request payload."));
        gw.admin().contentType("application/json").body("{\"sendAuditlogRuleManagementEvent\":true}") // not in the swagger
            .put("/rest/apigateway/configurations/gatewayDestinationConfig").then().statusCode(200)
            .body("sendAuditlogRuleManagementEvent", equalTo("true"));
        gw.admin().contentType("application/json").body("{\"metricsPublishInterval\":\"1\"}")
            .put("/rest/apigateway/configurations/gatewayDestinationConfig").then().statusCode(200)
            .body("metricsPublishInterval", equalTo("1"));
        gw.anonymous().get("/gateway/Slow/1.0/get").then().statusCode(200);
        Poll.until("a scheduled publication", 5_000, () -> gw.admin()
            .get("/rest/apigateway/metrics/published?kind=performance_metrics").then().extract().<Integer>path("total") == 1);
        gw.admin().get("/rest/apigateway/metrics/published?kind=bogus").then().statusCode(400);
    }

    private Future<Integer> get(String path) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gw.port()).setURI(path))
            .compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()));
    }
}
