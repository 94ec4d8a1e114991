package dev.apigw.emulator.harness;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@GatewayIT
class FaultsIT {
    static DeployedApi api;

    @BeforeAll
    static void deploy(TestGateway gw, Echo echo) {
        api = gw.deploy("apis/echo.json", echo);
    }

    @AfterEach
    void clear(TestGateway gw) {
        gw.admin().delete("/emulator/faults").then().statusCode(204);
    }

    private static void fault(TestGateway gw, DeployedApi api, String body) {
        assertTrue(api != null);
        gw.admin().contentType("application/json").body(body).put("/emulator/faults/apis/" + api.id()).then().statusCode(200);
    }

    @Test
    void a_fail_rate_of_one_answers_every_request_with_the_status_and_counts_it(TestGateway gw, Echo echo) {
        fault(gw, api, "{\"failRate\": 1, \"failStatus\": 502}");
        for (int i = 0; i < 3; i++) {
            gw.anonymous().get(api.path() + "/get").then().statusCode(502).header("X-Emulator-Fault", "status");
        }
        gw.admin().get("/emulator/faults").then().statusCode(200)
            .body("apis[0].apiName", equalTo("Echo")).body("apis[0].injected.status", equalTo(3));
        String metrics = gw.anonymous().get("/metrics").asString();
        assertTrue(metrics.contains("gateway_faults_injected_total{api=\"Echo/1.0\",apiId=\"" + api.id() + "\",kind=\"status\"} 3.0"),
            "the fault counter is exported");
    }

    @Test
    void a_reset_rate_of_one_fails_as_a_backend_reset_does(TestGateway gw, Echo echo) {
        fault(gw, api, "{\"resetRate\": 1}");
        gw.anonymous().get(api.path() + "/get").then().statusCode(503).body(containsString("Connection reset by peer (injected)"));
    }

    @Test
    void latency_delays_the_backend_call(TestGateway gw, Echo echo) {
        fault(gw, api, "{\"latencyMs\": 300}");
        long start = System.nanoTime();
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "at least the injected latency");
        gw.admin().delete("/emulator/faults/apis/" + api.id()).then().statusCode(204);
        gw.admin().get("/emulator/faults").then().body("apis.size()", equalTo(0));
    }

    @Test
    void a_simulated_asset_store_outage_answers_design_time_writes_with_503_and_keeps_the_runtime(TestGateway gw, Echo echo) {
        gw.admin().contentType("application/json").body("{\"assets\": true}").put("/emulator/faults/store")
            .then().statusCode(200).body("assets", equalTo(true)).body("tokens", equalTo(false));
        gw.admin().put("/rest/apigateway/apis/" + api.id() + "/deactivate").then().statusCode(503);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        gw.anonymous().get("/rest/apigateway/health/engine").then().body("dataStore.simulatedOutage", equalTo(true));
        gw.admin().post("/emulator/reset?scope=faults").then().statusCode(200);
        gw.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(200);
    }

    @Test
    void a_simulated_rate_limit_outage_follows_on_store_error(TestGateway gw, Echo echo) {
        DeployedApi throttled = gw.deploy("apis/echo-throttled.json", echo);
        gw.admin().contentType("application/json").body("{\"rateLimit\": true}").put("/emulator/faults/store").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            gw.anonymous().get(throttled.path() + "/status/204").then().statusCode(204).header("X-RateLimit-Degraded", "FAIL_OPEN");
        }
        gw.anonymous().get("/rest/apigateway/health/engine").then().body("rateLimit.status", equalTo("yellow"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rate above one           | {\"failRate\": 1.5}                     | 'failRate' must be a number between 0 and 1",
        "rates adding above one   | {\"failRate\": 0.6, \"resetRate\": 0.6} | failRate + resetRate must not exceed 1",
        "status out of range      | {\"failRate\": 1, \"failStatus\": 99}   | 'failStatus' must be a whole number between 100 and 599",
        "latency not a number     | {\"latencyMs\": \"slow\"}               | 'latencyMs' must be a whole number"})
    void rejects_a_bad_fault_with_400(String name, String body, String message, TestGateway gw, Echo echo) {
        Response r = gw.admin().contentType("application/json").body(body).put("/emulator/faults/apis/" + api.id());
        assertEquals(400, r.statusCode());
        assertTrue(r.asString().contains(message), r.asString());
    }

    @Test
    void a_fault_for_an_unknown_api_is_404_and_faults_need_the_administrator(TestGateway gw) {
        gw.admin().contentType("application/json").body("{}").put("/emulator/faults/apis/nope").then().statusCode(404);
        gw.anonymous().get("/emulator/faults").then().statusCode(401);
        gw.anonymous().get("/emulator/health/liveness").then().statusCode(200).body("status", equalTo("UP"))
            .body("state", equalTo("ACTIVE"));
        gw.anonymous().get("/metrics").then().body(containsString("gateway_faults_active"));
        gw.anonymous().get("/emulator/health/liveness").then().statusCode(greaterThanOrEqualTo(200));
    }
}
