package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /rest/apigateway/applications}: one gateway for the class; every test works on applications of its own. */
@GatewayIT
class ApplicationResourceIT {
    static final String APPLICATIONS = "/rest/apigateway/applications";

    private static JsonObject app(TestGateway gw, String name) {
        return Assets.application(gw, "applications/named.json", Map.of("name", name));
    }

    @Test
    void create_generates_credentials_and_shows_the_secret_only_once(TestGateway gw) {
        JsonObject app = Assets.application(gw, "applications/orders-with-basic-user.json");
        assertTrue(TestAuth.apiKey(app).matches("[0-9a-f]{64}"));
        assertTrue(TestAuth.clientSecret(app).matches("[0-9a-f]{64}"));
        assertFalse(TestAuth.clientId(app).isBlank());
        String id = app.getString("id");
        gw.admin().get(APPLICATIONS + "/" + id).then().statusCode(200)
            .body("applications", hasSize(1)).body("applications[0].name", equalTo("Orders"))
            .body("applications[0].accessTokens.oauth_credentials.clientSecret", nullValue())
            .body("applications[0].accessTokens.oauth_credentials.clientSecretHash", nullValue())
            .body("applications[0].identifiers[0].id", matchesPattern(".+"));
        String list = gw.admin().get(APPLICATIONS).then().statusCode(200).extract().asString();
        assertFalse(list.contains(TestAuth.clientSecret(app)));
        String search = Assets.json(gw, "search/applications.json").post("/rest/apigateway/search")
            .then().statusCode(200).extract().asString();
        assertTrue(search.contains(id));
        assertFalse(search.contains("clientSecretHash"));
    }

    @Test
    void patch_suspends_and_put_keeps_the_credentials(TestGateway gw) {
        JsonObject app = app(gw, "A");
        String id = app.getString("id");
        Assets.json(gw, "applications/suspend-with-text-flag.json").patch(APPLICATIONS + "/" + id)
            .then().statusCode(200).body("isSuspended", equalTo(true));
        Assets.json(gw, "applications/rename-to-b.json").put(APPLICATIONS + "/" + id)
            .then().statusCode(200).body("name", equalTo("B")).body("isSuspended", equalTo(true))
            .body("accessTokens.apiAccessKey_credentials.apiAccessKey", equalTo(TestAuth.apiKey(app)));
    }

    @Test
    void apis_association_replaces_the_list_and_is_readable_from_both_sides(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        String id = app(gw, "A").getString("id");
        Assets.json(gw, "applications/api-ids.json", Map.of("api", "other")).put(APPLICATIONS + "/" + id + "/apis")
            .then().statusCode(200);
        Assets.json(gw, "applications/api-ids-as-array.json", Map.of("api", api.id())).post(APPLICATIONS + "/" + id + "/apis")
            .then().statusCode(200);
        gw.admin().get(APPLICATIONS + "/" + id + "/apis").then().statusCode(200).body("apiIDs", equalTo(List.of(api.id())));
        gw.admin().get("/rest/apigateway/apis/" + api.id() + "/applications").then().statusCode(200)
            .body("applications", hasSize(1)).body("applications[0].id", equalTo(id));
    }

    @Test
    void regenerating_the_api_key_returns_201_with_a_new_key(TestGateway gw) {
        JsonObject app = app(gw, "A");
        String newKey = Assets.json(gw, "applications/regenerate-api-key.json")
            .post(APPLICATIONS + "/" + app.getString("id") + "/accessTokens")
            .then().statusCode(201).extract().path("apiAccessKey_credentials.apiAccessKey");
        assertNotEquals(TestAuth.apiKey(app), newKey);
    }

    @Test
    void bad_input_and_missing_applications_give_4xx(TestGateway gw) {
        gw.admin().contentType("application/json").body("{}").post(APPLICATIONS).then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"type\":\"x\"}").post(APPLICATIONS + "/nope/accessTokens")
            .then().statusCode(400);
        gw.admin().get(APPLICATIONS + "/nope").then().statusCode(404);
        gw.admin().delete(APPLICATIONS + "?ids=nope").then().statusCode(404);
        JsonObject app = app(gw, "A");
        gw.admin().delete(APPLICATIONS + "?ids=" + app.getString("id")).then().statusCode(204);
        assertEquals(404, gw.admin().get(APPLICATIONS + "/" + app.getString("id")).statusCode());
        gw.anonymous().get(APPLICATIONS).then().statusCode(401);
    }
}
