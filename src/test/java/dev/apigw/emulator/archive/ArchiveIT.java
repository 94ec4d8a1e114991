package dev.apigw.emulator.archive;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Zips;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Export and import between two real nodes sharing an archive passphrase: the class's gateway is the source, a
 * second node the target. API names are random per test, so tests share both nodes.
 */
@GatewayIT(set = "archive.passphrase=\"" + ArchiveIT.PASSPHRASE + "\"")
class ArchiveIT {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    static TestGateway target;

    @BeforeAll
    static void start_the_target(Vertx vertx) {
        target = TestGateway.start(vertx, withPassphrase(PASSPHRASE));
    }

    @AfterAll
    static void stop_the_target() {
        target.close();
    }

    static JsonObject withPassphrase(String passphrase) {
        JsonObject s = TestGateway.defaults();
        s.getJsonObject("archive").put("passphrase", passphrase);
        return s;
    }

    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An active API with an API-key Identify & Authorize action, and an application registered to it. */
    static JsonObject keyedApiAndApp(TestGateway gw, Echo echo, String apiName) {
        String apiId = TestApis.registerActive(gw, apiName, "1.0", echo.url(), "/get");
        TestAuth.enforce(gw, apiId, TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        JsonObject app = TestAuth.createApp(gw, apiName + "Client", new JsonArray());
        TestAuth.register(gw, app.getString("id"), apiId);
        return new JsonObject().put("apiId", apiId).put("app", app);
    }

    static byte[] export(TestGateway gw, String query) {
        return gw.admin().get("/rest/apigateway/archive?" + query).then().statusCode(200)
            .contentType(startsWith("application/zip")).extract().asByteArray();
    }

    static Response importZip(TestGateway gw, byte[] zip, String query) {
        return gw.admin().contentType("application/zip").body(zip).post("/rest/apigateway/archive" + query);
    }

    static int call(TestGateway gw, String apiName, String key) {
        return gw.anonymous().header("x-Gateway-APIKey", key).get("/gateway/" + apiName + "/1.0/get").statusCode();
    }

    @Test
    void round_trip_between_two_nodes_keeps_ids_activation_and_working_credentials(TestGateway gw, Echo echo) {
        String apiName = name("Trip");
        JsonObject made = keyedApiAndApp(gw, echo, apiName);
        String apiId = made.getString("apiId");
        JsonObject app = made.getJsonObject("app");
        String dormant = TestApis.register(gw, name("Dormant"), "1.0", TestApis.openApi("Dormant", echo.url(), "/get"));
        String policyId = gw.admin().get("/rest/apigateway/apis/" + apiId).then().extract().path("apiResponse.api.policies[0]");

        byte[] zip = export(gw, "apis=" + apiId + "," + dormant + "&include-applications=true");
        importZip(target, zip, "?overwrite=*").then().statusCode(201)
            .body("ArchiveResult.API.id", hasItem(apiId)).body("ArchiveResult.API.status", hasItem("Success"));

        target.admin().get("/rest/apigateway/apis/" + apiId).then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(true)).body("apiResponse.api.policies[0]", equalTo(policyId));
        target.admin().get("/rest/apigateway/apis/" + dormant).then().statusCode(200).body("apiResponse.api.isActive", equalTo(false));
        target.admin().get("/rest/apigateway/applications/" + app.getString("id")).then().statusCode(200)
            .body("applications[0].consumingAPIs", hasItem(apiId));
        assertEquals(200, call(target, apiName, TestAuth.apiKey(app)), "the API key works on the target at once");
        assertEquals(401, call(target, apiName, "not-the-key"));
        JsonObject token = new JsonObject().put("grant_type", "client_credentials")
            .put("client_id", TestAuth.clientId(app)).put("client_secret", TestAuth.clientSecret(app));
        target.anonymous().contentType("application/json").body(token.encode()).post(TOKEN).then().statusCode(200);
    }
}
