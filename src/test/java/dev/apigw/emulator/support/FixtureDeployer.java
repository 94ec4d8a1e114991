package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Turns an API fixture into admin calls (create, enforce actions, activate) and waits until it is served. */
final class FixtureDeployer {
    private FixtureDeployer() {
    }

    static DeployedApi deploy(TestGateway gw, JsonObject fixture) {
        JsonObject api = fixture.copy();
        JsonArray actions = (JsonArray) api.remove("policyActions");
        boolean active = !Boolean.FALSE.equals(api.remove("active"));
        String probe = (String) api.remove("probe");
        String id = gw.admin().contentType("application/json").body(api.encode()).post("/rest/apigateway/apis")
            .then().statusCode(200).extract().path("apiResponse.api.id");
        String policyId = gw.admin().get("/rest/apigateway/apis/" + id).then().statusCode(200)
            .extract().path("apiResponse.api.policies[0]");
        List<String> actionIds = new ArrayList<>();
        if (actions != null && !actions.isEmpty()) actionIds.addAll(enforce(gw, policyId, actions));
        DeployedApi deployed = new DeployedApi(id, api.getString("apiName"), api.getString("apiVersion", "1.0"), policyId,
            List.copyOf(actionIds));
        if (active) {
            gw.admin().put("/rest/apigateway/apis/" + id + "/activate").then().statusCode(200);
            if (probe != null) ServedApis.awaitServed(gw, deployed, probe);
        }
        return deployed;
    }

    /** Creates each {@code {"stageKey", "policyAction"}} and adds it to the policy, in fixture order. */
    private static List<String> enforce(TestGateway gw, String policyId, JsonArray actions) {
        JsonObject policy = new JsonObject(gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
            .extract().asString()).getJsonObject("policy");
        List<String> ids = new ArrayList<>();
        for (Object o : actions) {
            JsonObject entry = (JsonObject) o;
            String actionId = gw.admin().contentType("application/json")
                .body(new JsonObject().put("policyAction", entry.getJsonObject("policyAction")).encode())
                .post("/rest/apigateway/policyActions").then().statusCode(201).extract().path("policyAction.id");
            ids.add(actionId);
            policy.getJsonArray("policyEnforcements").add(new JsonObject().put("stageKey", entry.getString("stageKey"))
                .put("enforcements", new JsonArray().add(new JsonObject().put("enforcementObjectId", actionId).putNull("order"))));
        }
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + policyId).then().statusCode(200);
        return ids;
    }
}
