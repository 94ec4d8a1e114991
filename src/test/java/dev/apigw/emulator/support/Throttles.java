package dev.apigw.emulator.support;

import dev.apigw.emulator.model.Names;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/** Builds throttle policy actions and attaches them through the real admin API; fires concurrent requests. */
public final class Throttles {
    private Throttles() {
    }

    /** A throttle action document as the product's swagger shows it, plus optional extra parameters. */
    public static JsonObject action(long value, long interval, String unit, List<String> consumers, JsonObject... extra) {
        JsonArray params = new JsonArray()
            .add(new JsonObject().put("templateKey", "throttleRule").put("parameters", new JsonArray()
                .add(PolicyActions.param("throttleRuleName", "requestCount"))
                .add(PolicyActions.param("monitorRuleOperator", "GT"))
                .add(PolicyActions.param("value", String.valueOf(value)))))
            .add(new JsonObject().put("templateKey", "destination").put("parameters", new JsonArray()
                .add(PolicyActions.param("destinationType", "GATEWAY"))))
            .add(PolicyActions.param("alertInterval", String.valueOf(interval)))
            .add(PolicyActions.param("alertIntervalUnit", unit))
            .add(PolicyActions.param("alertFrequency", "once"))
            .add(new JsonObject().put("templateKey", "consumerIds").put("values", new JsonArray(consumers)));
        for (JsonObject e : extra) params.add(e);
        return new JsonObject().put("names", Names.of("Traffic Optimization", "en")).put("templateKey", "throttle")
            .put("parameters", params).put("active", false);
    }

    public static String createAction(TestGateway gw, JsonObject action) {
        return gw.admin().contentType("application/json").body(new JsonObject().put("policyAction", action).encode())
            .post("/rest/apigateway/policyActions").then().statusCode(201).extract().path("policyAction.id");
    }

    /** Adds the action to the API's SERVICE policy in stage LMT. */
    public static void attachToApi(TestGateway gw, String apiId, String actionId) {
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
            .extract().path("apiResponse.api.policies[0]");
        JsonObject policy = new JsonObject(gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
            .extract().body().asString()).getJsonObject("policy");
        Policies.enforce(policy, "LMT", actionId);
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + policyId).then().statusCode(200);
    }

    /** Creates and activates a GLOBAL policy enforcing the action; returns the policy id. */
    public static String activateGlobal(TestGateway gw, String actionId) {
        JsonObject policy = new JsonObject().put("names", Names.of("Global throttle", "en"))
            .put("policyScope", "GLOBAL").put("global", true).put("policyEnforcements", new JsonArray());
        Policies.enforce(policy, "LMT", actionId);
        String id = gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .post("/rest/apigateway/policies").then().statusCode(201).extract().path("policy.id");
        gw.admin().put("/rest/apigateway/policies/" + id + "/activate").then().statusCode(200);
        return id;
    }

    /** Sends {@code n} GETs at once and collects the responses (status and headers; bodies read). */
    public static Future<List<HttpClientResponse>> fire(HttpClient client, int port, String uri, int n) {
        List<Future<HttpClientResponse>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(client.request(HttpMethod.GET, port, "127.0.0.1", uri)
                .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp))));
        }
        return Future.all(all).map(cf -> cf.<HttpClientResponse>list());
    }

    public static long count(List<HttpClientResponse> responses, int status) {
        return responses.stream().filter(r -> r.statusCode() == status).count();
    }

    /** Stand-in for Identify & Authorize: the application id is read from {@code X-Test-App}. */
    public static PolicyFactory headerIdentification() {
        return new HeaderIdentification();
    }

    /** Adds a header-identification action in stage IAM of the API's SERVICE policy. */
    public static void attachIdentification(TestGateway gw, String apiId) {
        JsonObject action = new JsonObject().put("names", Names.of("Test identify", "en")).put("templateKey", "testIdentify")
            .put("parameters", new JsonArray()).put("active", false);
        String id = createAction(gw, action);
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
            .extract().path("apiResponse.api.policies[0]");
        JsonObject policy = new JsonObject(gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200)
            .extract().body().asString()).getJsonObject("policy");
        Policies.enforce(policy, "IAM", id);
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + policyId).then().statusCode(200);
    }
}
