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
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /policies}, {@code /policyActions} and {@code /policyStages}, and routing changes reaching the runtime. */
@ExtendWith(VertxExtension.class)
class PolicyAdminIT {
    static final String BASE = "/rest/apigateway";
    TestGateway gw;
    EchoBackend a;
    EchoBackend b;

    @BeforeEach
    void start(Vertx vertx) {
        a = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        b = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx);
    }

    @AfterEach
    void stop() {
        gw.close();
        Await.result(a.stop());
        Await.result(b.stop());
    }

    static JsonObject param(String key, String... values) {
        return new JsonObject().put("templateKey", key).put("values", new JsonArray(List.of((Object[]) values)));
    }

    static JsonObject routing(String endpointUri, String method) {
        return new JsonObject().put("templateKey", "straightThroughRouting")
            .put("parameters", new JsonArray().add(param("endpointUri", endpointUri)).add(param("method", method)));
    }

    /** A logInvocation action as exported from a real gateway: nested parameters, strings everywhere. */
    static JsonObject logInvocation() {
        return new JsonObject().put("names", new JsonArray().add(new JsonObject().put("value", "Log Invocation").put("locale", "en")))
            .put("templateKey", "logInvocation")
            .put("parameters", new JsonArray()
                .add(param("storeRequestHeaders", "true"))
                .add(param("storeRequestPayload", "false"))
                .add(new JsonObject().put("templateKey", "destination").put("parameters", new JsonArray()
                    .add(param("destinationType", "GATEWAY")).add(param("logLevel", "INFO"))))
                .add(param("logGenerationFrequency", "Always")))
            .put("active", false);
    }

    String createAction(JsonObject action) {
        return gw.admin().contentType("application/json").body(new JsonObject().put("policyAction", action).encode())
            .post(BASE + "/policyActions").then().statusCode(201).extract().path("policyAction.id");
    }

    String servicePolicyId(String apiId) {
        return gw.admin().get(BASE + "/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");
    }

    String routingActionId(String apiId) {
        return gw.admin().get(BASE + "/policies/" + servicePolicyId(apiId)).then().extract()
            .path("policy.policyEnforcements.find { it.stageKey == 'routing' }.enforcements[0].enforcementObjectId");
    }

    void putRouting(String actionId, String endpointUri, String method) {
        gw.admin().contentType("application/json")
            .body(new JsonObject().put("policyAction", routing(endpointUri, method)).encode())
            .put(BASE + "/policyActions/" + actionId).then().statusCode(200)
            .body("policyAction.id", equalTo(actionId));
    }

    @Test
    void creating_an_api_creates_its_service_policy_with_transport_and_routing() {
        String apiId = TestApis.register(gw, "Shop", "1.0", TestApis.openApi("Shop", "http://shop.example.com", "/x"));
        String policyId = servicePolicyId(apiId);
        gw.admin().get(BASE + "/policies/" + policyId).then().statusCode(200)
            .body("policy.id", equalTo(policyId))
            .body("policy.names[0].value", equalTo("Default Policy for API Shop"))
            .body("policy.policyScope", equalTo("SERVICE"))
            .body("policy.global", equalTo(false))
            .body("policy.policyEnforcements.stageKey", hasItems("transport", "routing"));
        gw.admin().get(BASE + "/policyActions/" + routingActionId(apiId)).then().statusCode(200)
            .body("policyAction.templateKey", equalTo("straightThroughRouting"))
            .body("policyAction.parameters.find { it.templateKey == 'endpointUri' }.values[0]",
                equalTo("http://shop.example.com${sys:resource_path}"));
    }

    @Test
    void policy_actions_crud_in_the_vendor_wrapper() {
        String id = createAction(routing("http://x.example.com${sys:resource_path}", "CUSTOM"));
        String other = createAction(logInvocation());
        gw.admin().get(BASE + "/policyActions/" + id).then().statusCode(200)
            .body("policyAction.id", equalTo(id)).body("policyAction.templateKey", equalTo("straightThroughRouting"))
            .body("policyAction.names", notNullValue()).body("policyAction.active", equalTo(false));
        gw.admin().get(BASE + "/policyActions").then().statusCode(200).body("policyAction.id", hasItems(id, other));
        gw.admin().queryParam("policyActionIds", id).get(BASE + "/policyActions").then().statusCode(200)
            .body("policyAction", hasSize(1)).body("policyAction[0].id", equalTo(id));
        putRouting(id, "http://y.example.com${sys:resource_path}", "GET");
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
    void actions_the_emulator_does_not_enforce_round_trip_unchanged() {
        JsonObject sent = logInvocation();
        String id = createAction(sent.copy());
        JsonObject back = new JsonObject(gw.admin().get(BASE + "/policyActions/" + id).asString()).getJsonObject("policyAction");
        back.remove("id");
        assertEquals(sent, back);

        JsonObject headers = new JsonObject().put("templateKey", "customHttpHeaders").put("names", new JsonArray())
            .put("parameters", new JsonArray().add(new JsonObject().put("templateKey", "customHeader").put("parameters",
                new JsonArray().add(param("headerName", "X-Env")).add(param("headerValue", "qa", "prod")))))
            .put("active", true).put("vendorExtra", new JsonObject().put("nested", new JsonArray().add(1).add(true)));
        String hid = createAction(headers.copy());
        JsonObject hback = new JsonObject(gw.admin().get(BASE + "/policyActions/" + hid).asString()).getJsonObject("policyAction");
        hback.remove("id");
        assertEquals(headers, hback);
    }

    @Test
    void policies_crud_and_global_activation() {
        String action = createAction(logInvocation());
        JsonObject global = new JsonObject().put("names", new JsonArray().add(new JsonObject().put("value", "Log all").put("locale", "en")))
            .put("policyScope", "GLOBAL").put("policyEnforcements", new JsonArray().add(new JsonObject().put("stageKey", "LMT")
                .put("enforcements", new JsonArray().add(new JsonObject().put("enforcementObjectId", action).putNull("order")))));
        String id = gw.admin().contentType("application/json").body(new JsonObject().put("policy", global).encode())
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
        global.getJsonArray("names").getJsonObject(0).put("value", "Log everything");
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", global).encode())
            .put(BASE + "/policies/" + id).then().statusCode(200)
            .body("policy.names[0].value", equalTo("Log everything")).body("policy.active", equalTo(true));
        gw.admin().put(BASE + "/policies/" + id + "/deactivate").then().statusCode(200).body("policy.active", equalTo(false));
        gw.admin().delete(BASE + "/policies/" + id).then().statusCode(204);
        gw.admin().get(BASE + "/policies/" + id).then().statusCode(404)
            .body("errorDetails", equalTo(" Unable to find the resource: " + id));
    }

    @Test
    void a_service_policy_cannot_be_activated_and_unknown_actions_are_refused() {
        String apiId = TestApis.register(gw, "Shop", "1.0", TestApis.openApi("Shop", "http://shop.example.com", "/x"));
        String policyId = servicePolicyId(apiId);
        gw.admin().put(BASE + "/policies/" + policyId + "/activate").then().statusCode(400)
            .body("errorDetails", equalTo(" Policy [Default Policy for API Shop] is not a global policy. Cannot be activated/deactivated."));
        gw.admin().put(BASE + "/policies/" + policyId + "/deactivate").then().statusCode(400)
            .body("errorDetails", endsWith("is not a global policy. Cannot be activated/deactivated."));
        JsonObject bad = new JsonObject().put("policyScope", "GLOBAL").put("policyEnforcements", new JsonArray()
            .add(new JsonObject().put("stageKey", "LMT").put("enforcements", new JsonArray()
                .add(new JsonObject().put("enforcementObjectId", "no-such-action")))));
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", bad).encode())
            .post(BASE + "/policies").then().statusCode(400).body("errorDetails", containsString("no-such-action"));
        gw.admin().put(BASE + "/policies/nope/activate").then().statusCode(404);
    }

    @Test
    void policy_stages_are_listed_in_order() {
        gw.admin().get(BASE + "/policyStages").then().statusCode(200)
            .body("stages.stageKey", hasItems("transport", "IAM", "LMT", "routing"))
            .body("stages[0].names[0].value", notNullValue());
    }

    @Test
    void a_changed_routing_endpoint_takes_effect_on_the_next_request() {
        String apiId = TestApis.registerActive(gw, "Switch", "1.0", "http://127.0.0.1:" + a.port(), "/get");
        gw.anonymous().get("/gateway/Switch/1.0/get").then().statusCode(200)
            .body("url", containsString(":" + a.port() + "/get"));
        String actionId = routingActionId(apiId);
        for (int i = 0; i < 20; i++) {
            EchoBackend target = i % 2 == 0 ? b : a;
            putRouting(actionId, "http://127.0.0.1:" + target.port() + "${sys:resource_path}", "CUSTOM");
            gw.anonymous().get("/gateway/Switch/1.0/get").then().statusCode(200)
                .body("url", containsString(":" + target.port() + "/get"));
        }
    }

    @Test
    void a_routing_change_takes_effect_on_the_next_request_with_the_redis_store(Vertx vertx) {
        gw.close();
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", RedisServer.sharedUrl());
        gw = TestGateway.start(vertx, settings);
        String name = "Switch-" + java.util.UUID.randomUUID();
        String apiId = TestApis.registerActive(gw, name, "1.0", "http://127.0.0.1:" + a.port(), "/get");
        String actionId = routingActionId(apiId);
        for (int i = 0; i < 10; i++) {
            EchoBackend target = i % 2 == 0 ? b : a;
            putRouting(actionId, "http://127.0.0.1:" + target.port() + "${sys:resource_path}", "CUSTOM");
            gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(200)
                .body("url", containsString(":" + target.port() + "/get"));
        }
        gw.admin().put(BASE + "/apis/" + apiId + "/deactivate").then().statusCode(200);
        gw.anonymous().get("/gateway/" + name + "/1.0/get").then().statusCode(404);
        gw.admin().delete(BASE + "/apis/" + apiId).then().statusCode(204);
    }

    @Test
    void a_routing_method_change_takes_effect_on_the_next_request() {
        String apiId = TestApis.registerActive(gw, "Method", "1.0", "http://127.0.0.1:" + a.port(), "/anything/m");
        gw.anonymous().get("/gateway/Method/1.0/anything/m").then().statusCode(200).body("method", equalTo("GET"));
        putRouting(routingActionId(apiId), "http://127.0.0.1:" + a.port() + "${sys:resource_path}", "POST");
        gw.anonymous().get("/gateway/Method/1.0/anything/m").then().statusCode(200).body("method", equalTo("POST"));
    }

    @Test
    void an_endpoint_with_a_path_prefix_before_the_resource_path_is_honoured() {
        String apiId = TestApis.registerActive(gw, "Prefix", "1.0", "http://127.0.0.1:" + a.port(), "/m");
        putRouting(routingActionId(apiId), "http://127.0.0.1:" + b.port() + "/anything/v2${sys:resource_path}", "CUSTOM");
        gw.anonymous().get("/gateway/Prefix/1.0/m?q=1").then().statusCode(200)
            .body("url", endsWith(":" + b.port() + "/anything/v2/m?q=1"));
    }
}
