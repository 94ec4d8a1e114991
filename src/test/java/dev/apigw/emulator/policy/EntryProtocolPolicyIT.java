package dev.apigw.emulator.policy;

import static org.hamcrest.Matchers.containsString;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** The transport stage's Enable HTTP/HTTPS action decides which entry protocols an API accepts. */
@GatewayIT
class EntryProtocolPolicyIT {

    @Test
    void refuses_plain_http_when_the_api_requires_https(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);

        Assets.json(gw, "policyActions/entry-protocol-https.json")
            .put("/rest/apigateway/policyActions/" + transportActionOf(gw, api)).then().statusCode(200);

        gw.anonymous().get(api.path() + "/get").then().statusCode(400)
            .body("Exception", containsString("Transport protocol not supported"));
    }

    /** The id of the action in the transport stage of the API's service policy (created with the API). */
    private static String transportActionOf(TestGateway gw, DeployedApi api) {
        JsonPath policy = gw.admin().get("/rest/apigateway/policies/" + api.policyId()).then().statusCode(200)
            .extract().jsonPath();
        String id = policy.getString("policy.policyEnforcements.find { it.stageKey == 'transport' }.enforcements[0].enforcementObjectId");
        if (id == null) throw new AssertionError("no transport stage in " + policy.prettify());
        return id;
    }
}
