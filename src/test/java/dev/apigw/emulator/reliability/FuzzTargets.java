package dev.apigw.emulator.reliability;

import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Assets the fuzz may change (never those the test keeps), with a valid body per endpoint to mutate. */
record FuzzTargets(String apiId, String policyId, String actionId, String appId, String webhookId) {
    static final String BASE = "/rest/apigateway";

    static FuzzTargets create(TestGateway gw) {
        String apiId = TestApis.register(gw, "FuzzTarget", "1.0", TestApis.openApi("FuzzTarget", "http://fuzz.example.com", "/a"));
        String policyId = gw.admin().get(BASE + "/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");
        String actionId = gw.admin().get(BASE + "/policies/" + policyId).then().extract()
            .path("policy.policyEnforcements[0].enforcements[0].enforcementObjectId");
        String appId = TestAuth.createApp(gw, "FuzzApp", new JsonArray()).getString("id");
        String hookId = gw.admin().contentType("application/json").body(webhook().encode()).post(BASE + "/webhooks")
            .then().statusCode(201).extract().path("id");
        return new FuzzTargets(apiId, policyId, actionId, appId, hookId);
    }

    static JsonObject webhook() {
        return new JsonObject().put("events", new JsonArray().add("apigateway:server:started"))
            .put("config", new JsonObject().put("url", "http://127.0.0.1:1/hook").put("password", "p"));
    }

    static JsonObject api() {
        return new JsonObject().put("apiName", "Fuzzed").put("apiVersion", "1.0").put("type", "openapi")
            .put("apiDefinition", TestApis.openApi("Fuzzed", "http://f.example.com", "/a", "/b"));
    }

    static JsonObject throttle() {
        return new JsonObject().put("templateKey", "throttle").put("parameters", new JsonArray()
            .add(new JsonObject().put("templateKey", "throttleRule").put("parameters", new JsonArray()
                .add(param("throttleRuleName", "requestCount")).add(param("monitorRuleOperator", "GT")).add(param("value", "5"))))
            .add(param("alertInterval", "1")).add(param("alertIntervalUnit", "minutes")).add(param("consumerIds", "AnyConsumers")));
    }

    static JsonObject identify() {
        return TestAuth.identifyAction("OR", false, "strict", "apiKey", "httpBasicAuth");
    }

    static JsonObject application() {
        return new JsonObject().put("name", "F").put("description", "d").put("identifiers", new JsonArray()
            .add(TestAuth.identifier("httpBasicAuth", "u1")).add(TestAuth.identifier("hostNameAddress", "10.0.0.1")))
            .put("consumingAPIs", new JsonArray()).put("isSuspended", false);
    }

    static JsonObject plan() {
        return new JsonObject().put("name", "Gold").put("quota", new JsonObject().put("value", 4).put("interval", "1")
            .put("intervalUnit", "minutes"));
    }

    static JsonObject policy(String actionId) {
        return new JsonObject().put("names", new JsonArray().add(new JsonObject().put("value", "P").put("locale", "en")))
            .put("policyScope", "GLOBAL").put("policyEnforcements", new JsonArray().add(new JsonObject()
                .put("stageKey", "LMT").put("enforcements", new JsonArray().add(new JsonObject().put("enforcementObjectId", actionId)))));
    }

    static JsonObject search() {
        return new JsonObject().put("types", new JsonArray().add("api").add("application").add("policy"))
            .put("condition", "or").put("scope", new JsonArray().add(new JsonObject().put("attributeName", "apiName")
                .put("keyword", "Fuzz.*"))).put("responseFields", new JsonArray().add("id")).put("from", 0).put("size", 5);
    }

    private static JsonObject param(String key, String value) {
        return new JsonObject().put("templateKey", key).put("values", new JsonArray().add(value));
    }
}
