package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.NodeProbe;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.RestAssured;
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
class QuiesceAllIT {
    static final String QUIESCE_ALL = "{\"enable\":true,\"block\":\"all\",\"flush\":[]}";

    EchoBackend echo;
    TestGateway gw;
    HttpClient client;

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx, TestGateway.defaults().put("quiescePort", Poll.freePort()));
        TestApis.registerActive(gw, "Slow", "1.0", "http://127.0.0.1:" + echo.port(), "/delay/{ms}", "/get");
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false), new PoolOptions().setHttp1MaxSize(100));
    }

    @AfterEach
    void stop() {
        Await.result(client.close());
        gw.close();
        Await.result(echo.stop());
    }

    @Test
    void quiesce_all_lets_in_flight_requests_finish_refuses_new_ones_and_flushes_what_was_served() {
        List<Future<String>> slow = new ArrayList<>();
        // the setup's last admin call is counted out when its response has been written, which can be just
        // after the client read it: wait for that, so the count below is only the requests sent here
        Poll.until("setup requests counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
        for (int i = 0; i < 50; i++) slow.add(statusAndConnection("/gateway/Slow/1.0/delay/1500"));
        Poll.until("50 requests in flight", () -> NodeProbe.of(gw.node()).inFlight() == 50);

        gw.admin().contentType("application/json").body(QUIESCE_ALL).put("/rest/apigateway/quiescemode")
            .then().statusCode(200).body("block", equalTo("all")).body("status", equalTo(null));
        Poll.until("draining", () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.DRAINING);
        assertEquals("in progress", NodeProbe.of(gw.node()).quiesceView().getString("status"));
        int refused = Await.result(status("/gateway/Slow/1.0/get").recover(err -> Future.succeededFuture(-1)));
        assertTrue(refused == 503 || refused == -1, "new request answered " + refused);

        for (Future<String> f : slow) assertEquals("200 close", Await.result(f)); // answered while draining: Connection: close
        Poll.until("quiesced", () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.QUIESCED);
        // the port closes after quiesced (nothing is admitted any more meanwhile), and the receipt says when
        Poll.until("the main port stopped listening", () -> NodeProbe.of(gw.node()).quiesceView().getJsonObject("receipt")
            .getJsonObject("phases").containsKey("listenerClosed"));
        assertEquals(-1, (int) Await.result(status("/gateway/Slow/1.0/get").recover(err -> Future.succeededFuture(-1))),
            "the main port stopped listening");

        quiescePort().get("/rest/apigateway/health").then().statusCode(503).body("status", equalTo("quiesced"));
        JsonObject view = new JsonObject(admin(quiescePort())
            .get("/rest/apigateway/quiescemode").then().statusCode(200).body("status", equalTo("success"))
            .extract().asString());
        var flushed = view.getJsonObject("receipt").getJsonArray("flushed");
        assertEquals(4, flushed.size(), "the product's three kinds, and the transactional events with them: " + flushed);
        assertTrue(flushed.stream().anyMatch(e -> "transaction_events".equals(((JsonObject) e).getString("kind"))));
        // the 50 slow requests, plus the PUT itself when its response had not ended yet
        assertTrue(view.getJsonObject("receipt").getJsonObject("phases").getJsonObject("draining").getInteger("inFlight") >= 50);

        admin(quiescePort()).post("/invoke/wm.server.quiesce/setActiveMode")
            .then().statusCode(200).body("isQuiesceMode", equalTo("false"));
        gw.anonymous().get("/gateway/Slow/1.0/get").then().statusCode(200);
        gw.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then().statusCode(200)
            .body("total", equalTo(50));
        gw.admin().get("/rest/apigateway/metrics/published?kind=license_metrics").then().statusCode(200)
            .body("total", equalTo(50));
        gw.anonymous().get("/metrics").then().statusCode(200).body(containsString("gateway_requests_seconds_count"))
            .body(containsString("gateway_backend_seconds_count"));
    }

    @Test
    void a_second_quiesce_all_is_a_conflict_and_set_active_mode_restores_service() {
        gw.admin().contentType("application/json").body(QUIESCE_ALL).put("/rest/apigateway/quiescemode").then().statusCode(200);
        Poll.until("quiesced", () -> NodeProbe.of(gw.node()).quiesceState() == QuiesceState.QUIESCED);
        admin(quiescePort()).get("/invoke/wm.server.quiesce/getCurrentMode")
            .then().statusCode(200).body("isQuiesceMode", equalTo("true"));
        // the main port is closed, so the repeat can only arrive through the quiesce port's IS service
        admin(quiescePort()).get("/invoke/wm.server.quiesce/setQuiesceMode?isQuiesceMode=true")
            .then().statusCode(409).body("errorDetails", containsString("already in effect"));
        admin(quiescePort()).contentType("application/json").body(QUIESCE_ALL).put("/rest/apigateway/quiescemode")
            .then().statusCode(405); // the quiesce port only reads quiescemode
        admin(quiescePort()).get("/invoke/wm.server.quiesce/setQuiesceMode?isQuiesceMode=false")
            .then().statusCode(200).body("isQuiesceMode", equalTo("false"));
        gw.anonymous().get("/rest/apigateway/health").then().statusCode(200);
        gw.admin().get("/rest/apigateway/quiescemode").then().statusCode(200)
            .body("enable", equalTo(false)).body("state", equalTo("ACTIVE"));
    }

    @Test
    void quiesce_all_without_a_quiesce_port_is_a_500_with_the_reason(Vertx vertx) {
        try (TestGateway plain = TestGateway.start(vertx)) {
            plain.admin().contentType("application/json").body(QUIESCE_ALL).put("/rest/apigateway/quiescemode")
                .then().statusCode(500).body("errorDetails", containsString("quiesce port"));
            plain.admin().get("/rest/apigateway/quiescemode").then().body("state", equalTo("ACTIVE"));
        }
    }

    @Test
    void the_quiesce_port_can_be_set_up_at_runtime_with_the_vendor_calls(Vertx vertx) {
        try (TestGateway plain = TestGateway.start(vertx)) {
            int free = Poll.freePort();
            plain.admin().contentType("application/json").body("{\"factoryKey\":\"webMethods/HTTP\",\"pkg\":\"WmRoot\","
                + "\"port\":\"" + free + "\",\"portAlias\":\"QuiescePort\"}").post("/rest/apigateway/ports")
                .then().statusCode(201).body("listenerKey", equalTo("HTTPListener@" + free));
            plain.admin().contentType("application/json").body("{\"listenerKey\":\"HTTPListener@" + free
                + "\",\"pkg\":\"WmRoot\",\"requestServiceStatus\":\"\"}").put("/rest/apigateway/ports/enable").then().statusCode(200);
            plain.admin().contentType("application/json").body("{\"portAlias\":\"QuiescePort\"}")
                .put("/invoke/wm.server.quiesce/setQuiescePort").then().statusCode(200);
            assertEquals(free, plain.node().quiescePort());
            RestAssured.given().port(free).get("/rest/apigateway/health").then().statusCode(200).body("status", equalTo("green"));
            plain.admin().contentType("application/json").body("{\"portAlias\":\"Nope\"}")
                .put("/invoke/wm.server.quiesce/setQuiescePort").then().statusCode(400);
            plain.admin().contentType("application/json").body("{\"port\":\"abc\",\"portAlias\":\"X\"}")
                .post("/rest/apigateway/ports").then().statusCode(400);
            // the port set up from a main-port event loop must outlive the main port's verticles
            plain.admin().contentType("application/json").body(QUIESCE_ALL).put("/rest/apigateway/quiescemode").then().statusCode(200);
            Poll.until("quiesced", () -> NodeProbe.of(plain.node()).quiesceState() == QuiesceState.QUIESCED);
            RestAssured.given().port(free).get("/rest/apigateway/health").then().statusCode(503);
            admin(RestAssured.given().port(free)).post("/invoke/wm.server.quiesce/setActiveMode").then().statusCode(200);
            plain.anonymous().get("/rest/apigateway/health").then().statusCode(200);
        }
    }

    @Test
    void keep_listening_answers_503_with_connection_close_once_quiesced_and_the_drain_timeout_bounds_the_wait(Vertx vertx) {
        JsonObject settings = TestGateway.defaults().put("quiescePort", Poll.freePort())
            .put("quiesce", new JsonObject().put("drainTimeoutMs", 300).put("keepListening", true));
        try (TestGateway keep = TestGateway.start(vertx, settings)) {
            TestApis.registerActive(keep, "Slow", "1.0", "http://127.0.0.1:" + echo.port(), "/delay/{ms}");
            // the setup's last admin call is counted out when its response has been written, which can be just
            // after the client read it: wait for that, so the count below is only the requests sent here
            Poll.until("setup requests counted out", () -> NodeProbe.of(keep.node()).inFlight() == 0);
            Future<Integer> tooSlow = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                    .setPort(keep.port()).setURI("/gateway/Slow/1.0/delay/3000"))
                .compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()));
            Poll.until("in flight", () -> NodeProbe.of(keep.node()).inFlight() == 1);
            keep.admin().contentType("application/json").body(QUIESCE_ALL).put("/rest/apigateway/quiescemode").then().statusCode(200);
            Poll.until("quiesced after the drain timeout", () -> NodeProbe.of(keep.node()).quiesceState() == QuiesceState.QUIESCED);
            assertEquals(1, (int) NodeProbe.of(keep.node()).quiesceView().getJsonObject("receipt").getJsonObject("phases")
                .getJsonObject("drained").getInteger("inFlight"), "the drain gave up on the 3 s request");
            keep.anonymous().get("/gateway/Slow/1.0/delay/1").then().statusCode(503).header("Connection", "close")
                .body("Exception", containsString("quiesce"));
            keep.anonymous().get("/rest/apigateway/health").then().statusCode(503);
            assertEquals(200, Await.result(tooSlow), "still answered: the listener was kept");
        }
    }

    @Test
    void disabling_quiesce_all_through_the_api_is_refused() {
        gw.admin().contentType("application/json").body("{\"enable\":false,\"block\":\"all\"}")
            .put("/rest/apigateway/quiescemode").then().statusCode(400).body("errorDetails", containsString("setActiveMode"));
    }

    private static io.restassured.specification.RequestSpecification admin(io.restassured.specification.RequestSpecification spec) {
        return spec.auth().preemptive().basic("Administrator", "manage");
    }

    private io.restassured.specification.RequestSpecification quiescePort() {
        return RestAssured.given().port(gw.node().quiescePort());
    }

    private Future<String> statusAndConnection(String path) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gw.port()).setURI(path))
            .compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode() + " " + resp.getHeader("Connection")));
    }

    private Future<Integer> status(String path) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gw.port()).setURI(path))
            .compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()));
    }
}
