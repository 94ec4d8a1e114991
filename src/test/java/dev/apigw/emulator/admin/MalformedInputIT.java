package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.http.Method;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every admin write endpoint fed malformed JSON, an array instead of an object, wrong field types and unknown ids:
 * always a 4xx with an {@code errorDetails} (or {@code apiResponse}) body, never a 5xx, and nothing stored changes.
 */
@ExtendWith(VertxExtension.class)
class MalformedInputIT {
    static final String BASE = "/rest/apigateway";
    TestGateway gw;
    String apiId;
    String policyId;
    String actionId;

    @BeforeEach
    void start(Vertx vertx) {
        gw = TestGateway.start(vertx);
        apiId = TestApis.register(gw, "Kept", "1.0", TestApis.openApi("Kept", "http://kept.example.com", "/a"));
        policyId = gw.admin().get(BASE + "/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");
        actionId = gw.admin().get(BASE + "/policies/" + policyId).then().extract()
            .path("policy.policyEnforcements[0].enforcements[0].enforcementObjectId");
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    record Call(Method method, String path) {
    }

    List<Call> writeEndpoints() {
        return List.of(new Call(Method.POST, BASE + "/apis"), new Call(Method.PUT, BASE + "/apis/" + apiId),
            new Call(Method.POST, BASE + "/policies"), new Call(Method.PUT, BASE + "/policies/" + policyId),
            new Call(Method.POST, BASE + "/policyActions"), new Call(Method.PUT, BASE + "/policyActions/" + actionId),
            new Call(Method.POST, BASE + "/search"), new Call(Method.POST, BASE + "/search/_count"),
            new Call(Method.POST, "/rest/facade/apigateway/searchApis"));
    }

    String snapshot() {
        return gw.admin().get(BASE + "/apis/" + apiId).asString() + gw.admin().get(BASE + "/policies").asString()
            + gw.admin().get(BASE + "/policyActions").asString();
    }

    void expectClientError(Call call, String body) {
        gw.admin().contentType("application/json").body(body).request(call.method(), call.path()).then()
            .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)))
            .body("errorDetails", startsWith(" "));
    }

    @Test
    void malformed_json_arrays_and_wrong_types_are_4xx_and_change_nothing() {
        String before = snapshot();
        List<String> bodies = List.of("{\"apiName\": ", "not json at all", "[{\"apiName\":\"x\"}]", "42", "\"text\"",
            "{\"policyAction\": [1]}", "{\"policy\": \"x\"}", "{\"templateKey\": 7, \"parameters\": {}}",
            "{\"policyEnforcements\": \"LMT\"}", "{\"policyEnforcements\": [{\"enforcements\": []}]}",
            "{\"apiName\": \"Kept\", \"type\": \"openapi\", \"apiDefinition\": 12}",
            "{\"apiName\": [\"x\"], \"type\": {\"a\": 1}, \"apiDefinition\": true}",
            "{\"types\": \"api\", \"condition\": \"or\"}", "{\"types\": [\"api\"], \"condition\": 5}",
            "{\"types\": [\"api\"], \"condition\": \"or\", \"responseFields\": \"id\", \"size\": \"all\"}",
            "{\"parameters\": [\"endpointUri\"], \"templateKey\": \"straightThroughRouting\"}",
            "{\"templateKey\": \"straightThroughRouting\", \"parameters\": [{\"templateKey\": \"endpointUri\", \"values\": [\"ftp://x\"]}]}",
            "{\"templateKey\": \"straightThroughRouting\", \"parameters\": [{\"templateKey\": \"endpointUri\", \"values\": \"http://x\"}]}",
            "{\"templateKey\": \"logInvocation\", \"parameters\": [{\"templateKey\": \"destination\", \"parameters\": \"x\"}]}",
            "{\"templateKey\": \"logInvocation\", \"names\": \"Log\"}",
            "{\"names\": \"x\", \"policyEnforcements\": []}",
            "{\"names\": [], \"policyScope\": \"everywhere\", \"policyEnforcements\": []}",
            "{\"names\": [], \"global\": \"maybe\", \"policyEnforcements\": []}", // "true" would be read as true
            "{\"active\": \"yes\", \"policyEnforcements\": [], \"templateKey\": \"logInvocation\"}",
            "{\"policyEnforcements\": [{\"stageKey\": \"LMT\", \"enforcements\": [{\"enforcementObjectId\": 5}]}]}",
            "{\"policyEnforcements\": [{\"stageKey\": \"LMT\", \"enforcements\": [{\"enforcementObjectId\": \"missing\"}]}]}",
            "{\"apiName\": \"Kept\", \"apiVersion\": 1.0}",
            "{\"apiDefinition\": {\"openapi\": \"3.0.3\", \"paths\": \"nope\"}, \"type\": \"openapi\", \"apiName\": \"Z\"}",
            "{}");
        List<String> failures = new ArrayList<>();
        for (Call call : writeEndpoints()) {
            for (String body : bodies) {
                int status = gw.admin().contentType("application/json").body(body).request(call.method(), call.path()).statusCode();
                if (status >= 500) failures.add(call + " with " + body + " -> " + status);
            }
            expectClientError(call, "{\"broken\": ");
            expectClientError(call, "[]");
        }
        assertEquals(List.of(), failures);
        assertEquals(before, snapshot());
    }

    @Test
    void empty_bodies_are_4xx() {
        for (Call call : writeEndpoints()) {
            gw.admin().contentType("application/json").request(call.method(), call.path()).then()
                .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
        }
    }

    @Test
    void unknown_ids_are_404_on_every_endpoint() {
        String before = snapshot();
        String valid = new JsonObject().put("templateKey", "logInvocation").encode();
        for (Call call : List.of(new Call(Method.GET, BASE + "/policies/nope"), new Call(Method.PUT, BASE + "/policies/nope"),
            new Call(Method.DELETE, BASE + "/policies/nope"), new Call(Method.PUT, BASE + "/policies/nope/activate"),
            new Call(Method.PUT, BASE + "/policies/nope/deactivate"), new Call(Method.GET, BASE + "/policyActions/nope"),
            new Call(Method.PUT, BASE + "/policyActions/nope"), new Call(Method.DELETE, BASE + "/policyActions/nope"))) {
            gw.admin().contentType("application/json").body(valid).request(call.method(), call.path()).then()
                .statusCode(404).body("errorDetails", startsWith(" Unable to find the resource: nope"));
        }
        assertEquals(before, snapshot());
    }

    @Test
    void bad_query_parameters_and_unknown_paths_are_4xx() {
        gw.admin().queryParam("from", "first").get(BASE + "/apis").then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().queryParam("size", "1.5").get(BASE + "/apis").then().statusCode(400);
        gw.admin().get(BASE + "/nothing-here").then().statusCode(404).body("errorDetails", startsWith(" "));
        gw.admin().patch(BASE + "/policyStages").then().statusCode(405).body("errorDetails", startsWith(" "));
    }

    @Test
    void policy_actions_in_use_by_a_policy_are_not_left_dangling() {
        gw.admin().delete(BASE + "/policyActions/" + actionId).then()
            .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500))).body("errorDetails", startsWith(" "));
        gw.admin().get(BASE + "/policyActions/" + actionId).then().statusCode(200);
    }

    @Test
    void the_service_policy_of_an_api_cannot_be_deleted_alone() {
        gw.admin().delete(BASE + "/policies/" + policyId).then().statusCode(400).body("errorDetails", startsWith(" "));
        gw.admin().get(BASE + "/policies/" + policyId).then().statusCode(200);
    }
}
