package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API sub-resources pipelines touch: versions, mock mode, publication records, whole-object updates, deletes. */
@GatewayIT
class ApiExtrasIT {
    static final String APIS = "/rest/apigateway/apis/";

    static JsonObject whole(TestGateway gw, String id) {
        return new JsonObject(gw.admin().get(APIS + id).then().statusCode(200).extract().asString())
            .getJsonObject("apiResponse").getJsonObject("api");
    }

    @Test
    void mocking_answers_from_the_definition_while_on_and_the_backend_when_off(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/mocked.json", Map.of("name", "Mocked", "echo", echo.url()));
        gw.admin().put(APIS + api.id() + "/mock/enable?retainDefaultMockResponses=false").then().statusCode(200)
            .body("apiResponse.api.mockService.enableMock", equalTo(true));
        gw.admin().put(APIS + api.id() + "/activate").then().statusCode(200);
        gw.admin().put(APIS + api.id() + "/mock/disable").then().statusCode(400); // the product: only while inactive
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).header("X-Mocked", "yes")
            .body("source", equalTo("MOCKING")).body("args.foo", equalTo("bar"));
        gw.anonymous().header("X-Brew", "tea").get(api.path() + "/get").then().statusCode(418).body("brew", equalTo("tea"));
        gw.anonymous().contentType("application/json").body("{\"a\":1}").post(api.path() + "/post").then().statusCode(201)
            .body("source", equalTo("EXAMPLE")).body("id", equalTo(123));

        gw.admin().put(APIS + api.id() + "/deactivate").then().statusCode(200);
        gw.admin().put(APIS + api.id() + "/mock/disable").then().statusCode(200)
            .body("apiResponse.api.mockService.enableMock", equalTo(false));
        gw.admin().put(APIS + api.id() + "/activate").then().statusCode(200);
        gw.anonymous().get(api.path() + "/get?from=backend").then().statusCode(200).body("args.from", equalTo("backend"));
    }

    @Test
    void versions_list_and_a_new_version_copies_the_latest(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Versioned", "echo", echo.url()));
        String v2 = gw.admin().contentType("application/json").body("{\"newApiVersion\":\"2.0\",\"retainApplications\":\"true\"}")
            .post(APIS + api.id() + "/versions").then().statusCode(200).body("apiResponse.api.apiVersion", equalTo("2.0"))
            .body("apiResponse.api.isActive", equalTo(false)).extract().path("apiResponse.api.id");
        gw.admin().get(APIS + api.id() + "/versions").then().statusCode(200).body("apiResponse", hasSize(2))
            .body("apiResponse.api.apiVersion", equalTo(List.of("1.0", "2.0")));
        gw.admin().contentType("application/json").body("{\"newApiVersion\":\"3.0\"}").post(APIS + api.id() + "/versions")
            .then().statusCode(400); // only from the latest
        gw.admin().contentType("application/json").body("{\"newApiVersion\":\"\"}").post(APIS + v2 + "/versions").then().statusCode(400);
        String policy = whole(gw, v2).getJsonArray("policies").getString(0);
        gw.admin().get("/rest/apigateway/policies/" + policy).then().statusCode(200); // its own copy of the service policy
        org.junit.jupiter.api.Assertions.assertNotEquals(api.policyId(), policy);
        gw.admin().put(APIS + v2 + "/activate").then().statusCode(200);
        dev.apigw.emulator.support.ServedApis.awaitServed(gw, new DeployedApi(v2, "Versioned", "2.0", policy, List.of()), "/get");
        gw.anonymous().get("/gateway/Versioned/2.0/get").then().statusCode(200);
    }

    @Test
    void a_whole_api_object_put_back_keeps_tags_groups_and_scopes(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Tagged", "echo", echo.url()));
        JsonObject body = whole(gw, api.id());
        body.getJsonObject("apiDefinition").put("tags", new JsonArray().add(new JsonObject().put("name", "Pipeline: 42")))
            .put("apiTags", new JsonArray().add("Build: 7"));
        body.put("apiGroups", new JsonArray().add("Internal")).put("maturityState", "Beta")
            .put("apiDescription", "**Pipeline** " + body.getString("apiDescription"))
            .put("scopes", new JsonArray().add(new JsonObject().put("name", "Pet Scope").put("policies", new JsonArray())));
        gw.admin().contentType("application/json").body(body.encode()).put(APIS + api.id() + "?overwriteTags=null")
            .then().statusCode(200).body("apiResponse.api.apiDefinition.tags.name", hasItem("Pipeline: 42"))
            .body("apiResponse.api.apiDefinition.apiTags", hasItem("Build: 7")).body("apiResponse.api.apiGroups", hasItem("Internal"))
            .body("apiResponse.api.scopes.name", hasItem("Pet Scope")).body("apiResponse.api.isActive", equalTo(true));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        body.put("scopes", "not a list");
        gw.admin().contentType("application/json").body(body.encode()).put(APIS + api.id()).then().statusCode(400);
    }

    @Test
    void publish_and_unpublish_are_recorded_and_need_a_portal_gateway(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Published", "echo", echo.url()));
        gw.admin().contentType("application/json").body("{\"communities\":[\"c1\"],\"endpoints\":[]}")
            .put(APIS + api.id() + "/publish?portalGatewayId=portal-1").then().statusCode(200)
            .body("apiResponse.api.publishedPortals", hasItem("portal-1"));
        gw.admin().put(APIS + api.id() + "/publish").then().statusCode(400);
        gw.admin().put(APIS + api.id() + "/unpublish?portalGatewayId=portal-1&forceUnpublish=true").then().statusCode(200)
            .body("apiResponse.api.publishedPortals", not(hasItem("portal-1")));
        gw.admin().get(APIS + api.id() + "/globalPolicies").then().statusCode(200).body("globalPolicies", equalTo(List.of()));
    }

    @Test
    void deactivate_then_delete_and_force_delete(TestGateway gw, Echo echo) {
        DeployedApi first = gw.deploy("apis/named-echo.json", Map.of("name", "Doomed", "echo", echo.url()));
        gw.admin().delete(APIS + first.id()).then().statusCode(400);
        gw.admin().put(APIS + first.id() + "/deactivate").then().statusCode(200).body("apiResponse.api.isActive", equalTo(false));
        gw.admin().delete(APIS + first.id()).then().statusCode(204);
        DeployedApi second = gw.deploy("apis/named-echo.json", Map.of("name", "ForceDoomed", "echo", echo.url()));
        gw.admin().delete(APIS + second.id() + "?forceDelete=true").then().statusCode(204);
        gw.admin().get(APIS + second.id()).then().statusCode(404).body("apiResponse.responseStatus", equalTo("NOT_FOUND"));
    }

    @Test
    void the_default_policy_carries_descriptions_and_policies_keep_client_ids_and_every_scope(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/named-echo.json", Map.of("name", "Described", "echo", echo.url()));
        gw.admin().get("/rest/apigateway/policies/" + api.policyId()).then().statusCode(200)
            .body("policy.descriptions[0].value", equalTo("")).body("policy.policyEnforcements.stageKey", hasItems("transport", "routing"));
        String action = "{\"policyAction\":{\"id\":\"CD_External_Endpoint\",\"templateKey\":\"customDestination\",\"active\":\"false\","
            + "\"parameters\":[{\"templateKey\":\"customDestinationName\",\"values\":[\"CD_External_Endpoint\"]}]}}";
        gw.admin().contentType("application/json").body(action).post("/rest/apigateway/policyActions").then().statusCode(201)
            .body("policyAction.id", equalTo("CD_External_Endpoint")).body("policyAction.active", equalTo(false));
        gw.admin().contentType("application/json").body(action).post("/rest/apigateway/policyActions").then().statusCode(400);
        gw.admin().get("/rest/apigateway/policyActions/CD_External_Endpoint").then().statusCode(200);
        for (String scope : new String[] {"TEMPLATE", "SCOPE"}) {
            gw.admin().contentType("application/json").body("{\"policy\":{\"names\":[{\"value\":\"" + scope + "\",\"locale\":\"English\"}],"
                    + "\"policyScope\":\"" + scope + "\",\"global\":\"false\",\"active\":false,\"policyEnforcements\":[]}}")
                .post("/rest/apigateway/policies").then().statusCode(201).body("policy.policyScope", equalTo(scope))
                .body("policy.global", equalTo(false));
        }
    }
}
