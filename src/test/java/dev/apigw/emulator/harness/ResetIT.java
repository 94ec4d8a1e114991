package dev.apigw.emulator.harness;

import static dev.apigw.emulator.support.EventSearches.keyword;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /emulator/reset puts scopes back to a fresh start's state without a restart. */
@GatewayIT(perTest = true)
class ResetIT {
    private static final String TX = "TRANSACTION_EVENTS";

    @Test
    void resetting_assets_removes_apis_and_their_policies_from_store_and_runtime(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        gw.admin().post("/emulator/reset?scope=assets").then().statusCode(200).body("reset[0]", equalTo("assets"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(404);
        gw.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(404);
        gw.admin().get("/rest/apigateway/policies/" + api.policyId()).then().statusCode(404);
    }

    @Test
    void resetting_quotas_reopens_a_throttle_window(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo-throttled.json", echo);
        for (int i = 0; i < 3; i++) gw.anonymous().get(api.path() + "/status/204");
        gw.anonymous().get(api.path() + "/status/204").then().statusCode(429);
        gw.admin().post("/emulator/reset?scope=quotas").then().statusCode(200);
        gw.anonymous().get(api.path() + "/status/204").then().statusCode(204);
    }

    @Test
    void resetting_metrics_removes_the_request_timers_and_keeps_the_jvm_meters(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        gw.anonymous().get("/metrics").then().body(containsString("gateway_requests_seconds_count{api=\"Echo/1.0\""));
        gw.admin().post("/emulator/reset?scope=metrics").then().statusCode(200);
        gw.anonymous().get("/metrics").then().body(not(containsString("gateway_requests_seconds_count{api=\"Echo/1.0\"")))
            .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void resetting_events_removes_the_recorded_events_and_recording_goes_on(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        EventSearches.await(gw, 1, TX, keyword("apiName", "Echo"));
        assertTrue(EventSearches.count(gw, "LIFECYCLE_EVENTS") > 0, "the start and the activation");
        gw.admin().post("/emulator/reset?scope=events").then().statusCode(200).body("reset[0]", equalTo("events"));
        for (String type : List.of(TX, "LIFECYCLE_EVENTS", "POLICYVIOLATION_EVENTS", "ERROR_EVENTS")) {
            assertEquals(0, EventSearches.count(gw, type), type);
        }
        gw.anonymous().get(api.path() + "/get?after=reset").then().statusCode(200);
        assertEquals(1, EventSearches.await(gw, 1, TX, keyword("apiName", "Echo")).size());
    }

    @Test
    void reset_all_runs_every_scope_faults_first_and_an_unknown_scope_is_400(TestGateway gw) {
        gw.admin().post("/emulator/reset").then().statusCode(200)
            .body("reset", equalTo(List.of("faults", "assets", "applications", "tokens", "quotas", "metrics", "events")));
        gw.admin().post("/emulator/reset?scope=asets").then().statusCode(400)
            .body("errorDetails", containsString("unknown scope 'asets'"));
        gw.anonymous().post("/emulator/reset").then().statusCode(401);
    }
}
