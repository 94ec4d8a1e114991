package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /policies}, {@code /policyActions} and {@code /policyStages}, and routing changes reaching the runtime: one
 * node and two echo backends (the class's and {@code other}). Each test starts from an empty catalogue.
 */
@GatewayIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyAdminIT {
    static final String BASE = "/rest/apigateway";
    private EchoBackend other;

    @BeforeAll
    void startOtherBackend(Vertx vertx) {
        other = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
    }

    @AfterAll
    void stopOtherBackend() {
        Await.result(other.stop());
    }

    @BeforeEach
    void emptyCatalogue(TestGateway gw) {
        gw.admin().post("/emulator/reset?scope=assets").then().statusCode(200);
    }

    static String shop(TestGateway gw) {
        return gw.deploy("apis/inactive.json", Map.of("name", "Shop", "version", "1.0", "backend", "http://shop.example.com")).id();
    }

    static String routingActionId(TestGateway gw, String policyId) {
        return gw.admin().get(BASE + "/policies/" + policyId).then().extract()
            .path("policy.policyEnforcements.find { it.stageKey == 'routing' }.enforcements[0].enforcementObjectId");
    }

    static void putRouting(TestGateway gw, String actionId, String endpointUri, String method) {
        Assets.json(gw, "policyActions/straight-through-routing.json", Map.of("endpointUri", endpointUri, "method", method))
            .put(BASE + "/policyActions/" + actionId).then().statusCode(200)
            .body("policyAction.id", equalTo(actionId));
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void creating_an_api_creates_its_service_policy_with_transport_and_routing(TestGateway gw) {
        String apiId = shop(gw);
        String policyId = gw.admin().get(BASE + "/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");
        gw.admin().get(BASE + "/policies/" + policyId).then().statusCode(200)
            .body("policy.id", equalTo(policyId))
            .body("policy.names[0].value", equalTo("Default Policy for API Shop"))
            .body("policy.policyScope", equalTo("SERVICE"))
            .body("policy.global", equalTo(false))
            .body("policy.policyEnforcements.stageKey", hasItems("transport", "routing"));
        gw.admin().get(BASE + "/policyActions/" + routingActionId(gw, policyId)).then().statusCode(200)
            .body("policyAction.templateKey", equalTo("straightThroughRouting"))
            .body("policyAction.parameters.find { it.templateKey == 'endpointUri' }.values[0]",
                equalTo("http://shop.example.com${sys:resource_path}"));
    }

    @Test
    void policy_actions_crud_in_the_vendor_wrapper(TestGateway gw) {
        String id = Assets.policyAction(gw, "policyActions/straight-through-routing.json",
            Map.of("endpointUri", "http://x.example.com${sys:resource_path}", "method", "CUSTOM"));
        String other = Assets.policyAction(gw, "policyActions/log-invocation.json");
        gw.admin().get(BASE + "/policyActions/" + id).then().statusCode(200)
            .body("policyAction.id", equalTo(id)).body("policyAction.templateKey", equalTo("straightThroughRouting"))
            .body("policyAction.names", notNullValue()).body("policyAction.active", equalTo(false));
        gw.admin().get(BASE + "/policyActions").then().statusCode(200).body("policyAction.id", hasItems(id, other));
        gw.admin().queryParam("policyActionIds", id).get(BASE + "/policyActions").then().statusCode(200)
            .body("policyAction", hasSize(1)).body("policyAction[0].id", equalTo(id));
        putRouting(gw, id, "http://y.example.com${sys:resource_path}", "GET");
        gw.admin().get(BASE + "/policyActions/" + id).then()
            .body("policyAction.parameters.find { it.templateKey == 'method' }.values[0]", equalTo("GET"));
        gw.admin().delete(BASE + "/policyActions/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/policyActions/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Unable to find the resource: " + id));
        gw.admin().delete(BASE + "/policyActions/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Unable to find the resource: " + id));
        gw.admin().contentType("application/json").body("{\"policyAction\":{\"parameters\":[]}}")
            .post(BASE + "/policyActions").then().statusCode(400).body("errorDetails", containsString("templateKey"));
    }

    @Test
    void actions_the_emulator_does_not_enforce_round_trip_unchanged(TestGateway gw) {
        for (String fixture : new String[] {"policyActions/log-invocation.json", "policyActions/custom-http-headers.json"}) {
            JsonObject sent = Fixtures.json(fixture, Map.of()).getJsonObject("policyAction");
            String id = Assets.policyAction(gw, fixture);
            JsonObject back = new JsonObject(gw.admin().get(BASE + "/policyActions/" + id).asString()).getJsonObject("policyAction");
            back.remove("id");
            assertEquals(sent, back, fixture);
        }
    }

    @Test
    void policies_crud_and_global_activation(TestGateway gw) {
        String action = Assets.policyAction(gw, "policyActions/log-invocation.json");
        String id = Assets.json(gw, "policies/global-log-all.json", Map.of("action", action))
            .post(BASE + "/policies").then().statusCode(201)
            .body("policy.global", equalTo(true)).body("policy.active", equalTo(false))
            .extract().path("policy.id");
        gw.admin().get(BASE + "/policies").then().statusCode(200).body("policy.id", hasItem(id));
        gw.admin().queryParam("policyIds", id).get(BASE + "/policies").then().statusCode(200)
            .body("policy", hasSize(1)).body("policy[0].id", equalTo(id));
        gw.admin().get(BASE + "/policies/" + id).then().statusCode(200).body("policy.names[0].value", equalTo("Log all"));
        gw.admin().put(BASE + "/policies/" + id + "/activate").then().statusCode(200).body("policy.active", equalTo(true));
        gw.admin().put(BASE + "/policies/" + id + "/activate").then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().delete(BASE + "/policies/" + id).then().statusCode(400).body("errorDetails", containsString("active"));
        Assets.json(gw, "policies/global-log-everything.json", Map.of("action", action))
            .put(BASE + "/policies/" + id).then().statusCode(200)
            .body("policy.names[0].value", equalTo("Log everything")).body("policy.active", equalTo(true));
        gw.admin().put(BASE + "/policies/" + id + "/deactivate").then().statusCode(200).body("policy.active", equalTo(false));
        gw.admin().delete(BASE + "/policies/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/policies/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Unable to find the resource: " + id));
    }

    @Test
    void a_service_policy_cannot_be_activated_and_unknown_actions_are_refused(TestGateway gw) {
        String apiId = shop(gw);
        String policyId = gw.admin().get(BASE + "/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");
        gw.admin().put(BASE + "/policies/" + policyId + "/activate").then().statusCode(400)
            .body("errorDetails", equalTo(" Policy [Default Policy for API Shop] is not a global policy. Cannot be activated/deactivated."));
        gw.admin().put(BASE + "/policies/" + policyId + "/deactivate").then().statusCode(400)
            .body("errorDetails", endsWith("is not a global policy. Cannot be activated/deactivated."));
        Assets.json(gw, "policies/global-log-all.json", Map.of("action", "no-such-action"))
            .post(BASE + "/policies").then().statusCode(400).body("errorDetails", containsString("no-such-action"));
        gw.admin().put(BASE + "/policies/nope/activate").then().statusCode(404);
    }

    @Test
    void policy_stages_are_listed_in_order(TestGateway gw) {
        gw.admin().get(BASE + "/policyStages").then().statusCode(200)
            .body("stages.stageKey", hasItems("transport", "IAM", "LMT", "routing"))
            .body("stages[0].names[0].value", notNullValue());
    }

    /** Points the API's routing at the two backends in turn; each change shows on the very next request. */
    void switchesBackOnEveryChange(TestGateway gw, int echoPort, int rounds) {
        DeployedApi api = gw.deploy("apis/any-method.json", Map.of("name", "Switch", "backend", url(echoPort)));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).body("url", containsString(":" + echoPort + "/get"));
        String actionId = routingActionId(gw, api.policyId());
        for (int i = 0; i < rounds; i++) {
            int target = i % 2 == 0 ? other.port() : echoPort;
            putRouting(gw, actionId, url(target) + "${sys:resource_path}", "CUSTOM");
            gw.anonymous().get(api.path() + "/get").then().statusCode(200).body("url", containsString(":" + target + "/get"));
        }
        gw.admin().put(BASE + "/apis/" + api.id() + "/deactivate").then().statusCode(200);
        gw.anonymous().get(api.path() + "/get").then().statusCode(404);
        gw.admin().delete(BASE + "/apis/" + api.id()).then().statusCode(204);
    }

    @Test
    void a_changed_routing_endpoint_takes_effect_on_the_next_request(TestGateway gw, Echo echo) {
        switchesBackOnEveryChange(gw, echo.port(), 20);
    }

    /** A node of its own on the class's own Redis. */
    @Nested
    @GatewayIT(redis = true)
    class WithTheRedisStore {

        @Test
        void a_routing_change_takes_effect_on_the_next_request_with_the_redis_store(TestGateway gw, Echo echo) {
            switchesBackOnEveryChange(gw, echo.port(), 10);
        }
    }

    @Test
    void a_routing_method_change_takes_effect_on_the_next_request(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/any-method.json", Map.of("name", "Method", "backend", echo.url()));
        gw.anonymous().get(api.path() + "/anything/m").then().statusCode(200).body("method", equalTo("GET"));
        putRouting(gw, routingActionId(gw, api.policyId()), echo.url() + "${sys:resource_path}", "POST");
        gw.anonymous().get(api.path() + "/anything/m").then().statusCode(200).body("method", equalTo("POST"));
    }

    @Test
    void an_endpoint_with_a_path_prefix_before_the_resource_path_is_honoured(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/any-method.json", Map.of("name", "Prefix", "backend", echo.url()));
        putRouting(gw, routingActionId(gw, api.policyId()), url(other.port()) + "/anything/v2${sys:resource_path}", "CUSTOM");
        gw.anonymous().get(api.path() + "/m?q=1").then().statusCode(200)
            .body("url", endsWith(":" + other.port() + "/anything/v2/m?q=1"));
    }
}
