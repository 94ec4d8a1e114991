package dev.apigw.emulator.alias;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Adds a policy action to a stage of a deployed API's service policy, through the real admin API. */
final class AliasRuntime {
    private AliasRuntime() {
    }

    static void enforce(TestGateway gw, DeployedApi api, String stage, JsonObject action) {
        String actionId = gw.admin().contentType("application/json").body(new JsonObject().put("policyAction", action).encode())
            .post("/rest/apigateway/policyActions").then().statusCode(201).extract().path("policyAction.id");
        JsonObject policy = new JsonObject(gw.admin().get("/rest/apigateway/policies/" + api.policyId()).then().statusCode(200)
            .extract().asString()).getJsonObject("policy");
        policy.getJsonArray("policyEnforcements").add(new JsonObject().put("stageKey", stage)
            .put("enforcements", new JsonArray().add(new JsonObject().put("enforcementObjectId", actionId))));
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + api.policyId()).then().statusCode(200);
    }
}
