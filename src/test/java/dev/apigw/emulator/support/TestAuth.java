package dev.apigw.emulator.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Applications and Identify &amp; Authorize actions created through the real admin API. */
public final class TestAuth {
    private TestAuth() {
    }

    /** Creates an application; returns the create response (the only one holding the client secret). */
    public static JsonObject createApp(TestGateway gw, String name, JsonArray identifiers) {
        JsonObject body = new JsonObject().put("name", name).put("identifiers", identifiers);
        String json = gw.admin().contentType("application/json").body(body.encode()).post("/rest/apigateway/applications")
            .then().statusCode(200).extract().asString();
        return new JsonObject(json);
    }

    public static JsonObject identifier(String key, String... values) {
        return new JsonObject().put("key", key).put("name", key).put("value", new JsonArray(List.of((Object[]) values)));
    }

    public static void register(TestGateway gw, String appId, String... apiIds) {
        gw.admin().contentType("application/json").body(new JsonObject().put("apiIDs", new JsonArray(List.of((Object[]) apiIds))).encode())
            .put("/rest/apigateway/applications/" + appId + "/apis").then().statusCode(200);
    }

    public static String apiKey(JsonObject app) {
        return app.getJsonObject("accessTokens").getJsonObject("apiAccessKey_credentials").getString("apiAccessKey");
    }

    public static String clientId(JsonObject app) {
        return app.getJsonObject("accessTokens").getJsonObject("oauth_credentials").getString("clientID");
    }

    public static String clientSecret(JsonObject app) {
        return app.getJsonObject("accessTokens").getJsonObject("oauth_credentials").getString("clientSecret");
    }

    /** An evaluatePolicy action in the exported shape: one IdentificationRule per type. */
    public static JsonObject identifyAction(String connector, boolean anonymous, String lookup, String... types) {
        JsonArray params = new JsonArray()
            .add(new JsonObject().put("templateKey", "logicalConnector").put("values", new JsonArray().add(connector)))
            .add(new JsonObject().put("templateKey", "allowAnonymous").put("values", new JsonArray().add(String.valueOf(anonymous))));
        for (String t : types) {
            params.add(new JsonObject().put("templateKey", "IdentificationRule").put("parameters", new JsonArray()
                .add(new JsonObject().put("templateKey", "applicationLookup").put("values", new JsonArray().add(lookup)))
                .add(new JsonObject().put("templateKey", "identificationType").put("values", new JsonArray().add(t)))));
        }
        return new JsonObject().put("templateKey", "evaluatePolicy").put("parameters", params);
    }

    /** Adds the action to the IAM stage of the API's service policy. */
    public static void enforce(TestGateway gw, String apiId, JsonObject action) {
        String actionId = gw.admin().contentType("application/json")
            .body(new JsonObject().put("policyAction", action).encode()).post("/rest/apigateway/policyActions")
            .then().statusCode(201).extract().path("policyAction.id");
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
            .extract().path("apiResponse.api.policies[0]");
        JsonObject policy = new JsonObject(gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
            .extract().asString()).getJsonObject("policy");
        policy.getJsonArray("policyEnforcements").add(new JsonObject().put("stageKey", "IAM").put("enforcements",
            new JsonArray().add(new JsonObject().put("enforcementObjectId", actionId).putNull("order"))));
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + policyId).then().statusCode(200);
    }

    /** Polls (with a deadline) until the runtime answers the expected status: route and index rebuilds are async. */
    public static void awaitStatus(java.util.function.IntSupplier call, int expected) {
        int[] last = {-1};
        try {
            Poll.until("status " + expected, 5_000, () -> (last[0] = call.getAsInt()) == expected);
        } catch (AssertionError e) {
            throw new AssertionError("expected status " + expected + " but kept getting " + last[0]);
        }
    }
}
