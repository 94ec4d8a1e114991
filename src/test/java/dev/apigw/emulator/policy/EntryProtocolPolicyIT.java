package dev.apigw.emulator.policy;

import static org.hamcrest.Matchers.containsString;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EntryProtocolPolicyIT {
    EchoBackend echo;
    TestGateway gw;

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx);
    }

    @AfterEach
    void stop() {
        gw.close();
        Await.result(echo.stop());
    }

    @Test
    void refuses_plain_http_when_the_api_requires_https() {
        String apiId = TestApis.registerActive(gw, "Secure", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        gw.anonymous().get("/gateway/Secure/1.0/get").then().statusCode(200);

        String transportActionId = transportActionOf(apiId);
        JsonObject action = new JsonObject().put("templateKey", "entryProtocolPolicy")
            .put("parameters", new JsonArray().add(new JsonObject().put("templateKey", "protocol").put("values", new JsonArray().add("https"))));
        gw.admin().contentType("application/json").body(new JsonObject().put("policyAction", action).encode())
            .put("/rest/apigateway/policyActions/" + transportActionId).then().statusCode(200);

        gw.anonymous().get("/gateway/Secure/1.0/get").then().statusCode(400)
            .body("Exception", containsString("Transport protocol not supported"));
    }

    @SuppressWarnings("unchecked")
    private String transportActionOf(String apiId) {
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");
        JsonPath policy = gw.admin().get("/rest/apigateway/policies/" + policyId).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> stages = policy.getList("policy.policyEnforcements");
        for (Map<String, Object> stage : stages) {
            if ("transport".equals(stage.get("stageKey"))) {
                return (String) ((List<Map<String, Object>>) stage.get("enforcements")).get(0).get("enforcementObjectId");
            }
        }
        throw new AssertionError("no transport stage in " + policy.prettify());
    }
}
