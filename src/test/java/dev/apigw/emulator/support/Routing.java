package dev.apigw.emulator.support;

import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads and changes an API's straight-through routing action through the real admin API. */
public final class Routing {
    private Routing() {
    }

    /** The id of the routing policy action in the API's SERVICE policy. */
    public static String actionId(TestGateway gw, String apiId) {
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
            .extract().path("apiResponse.api.policies[0]");
        String policy = gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
            .extract().asString();
        return Policies.actionIds(new JsonObject(policy).getJsonObject("policy"), "routing").get(0);
    }

    /** Points the API's routing action at {@code endpointUri} (e.g. {@code http://h:1${sys:resource_path}}). */
    public static void change(TestGateway gw, String apiId, String endpointUri) {
        String id = actionId(gw, apiId);
        JsonObject action = new JsonObject(gw.admin().get("/rest/apigateway/policyActions/" + id).then().statusCode(200)
            .extract().asString()).getJsonObject("policyAction");
        JsonArray params = action.getJsonArray("parameters");
        PolicyActions.parameter(params, "endpointUri").put("values", new JsonArray().add(endpointUri));
        gw.admin().contentType("application/json").body(new JsonObject().put("policyAction", action).encode())
            .put("/rest/apigateway/policyActions/" + id).then().statusCode(200);
    }

    public static String endpoint(TestGateway gw, String apiId) {
        JsonObject action = new JsonObject(gw.admin().get("/rest/apigateway/policyActions/" + actionId(gw, apiId))
            .then().statusCode(200).extract().asString()).getJsonObject("policyAction");
        return PolicyActions.value(action.getJsonArray("parameters"), "endpointUri", null);
    }
}
