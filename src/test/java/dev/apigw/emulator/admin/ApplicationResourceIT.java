package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One gateway for the class; every test works on applications of its own. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationResourceIT {
    TestGateway gw;

    @BeforeAll
    void start(Vertx vertx) {
        gw = TestGateway.start(vertx);
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void create_generates_credentials_and_shows_the_secret_only_once() {
        JsonObject app = TestAuth.createApp(gw, "Orders", new JsonArray().add(TestAuth.identifier("httpBasicAuth", "bob")));
        assertTrue(TestAuth.apiKey(app).matches("[0-9a-f]{64}"));
        assertTrue(TestAuth.clientSecret(app).matches("[0-9a-f]{64}"));
        assertFalse(TestAuth.clientId(app).isBlank());
        String id = app.getString("id");
        gw.admin().get("/rest/apigateway/applications/" + id).then().statusCode(200)
            .body("applications", hasSize(1)).body("applications[0].name", equalTo("Orders"))
            .body("applications[0].accessTokens.oauth_credentials.clientSecret", nullValue())
            .body("applications[0].accessTokens.oauth_credentials.clientSecretHash", nullValue())
            .body("applications[0].identifiers[0].id", matchesPattern(".+"));
        String list = gw.admin().get("/rest/apigateway/applications").then().statusCode(200).extract().asString();
        assertFalse(list.contains(TestAuth.clientSecret(app)));
        String search = gw.admin().contentType("application/json")
            .body("{\"types\":[\"application\"],\"condition\":\"or\"}").post("/rest/apigateway/search")
            .then().statusCode(200).extract().asString();
        assertTrue(search.contains(id));
        assertFalse(search.contains("clientSecretHash"));
    }

    @Test
    void patch_suspends_and_put_keeps_the_credentials() {
        JsonObject app = TestAuth.createApp(gw, "A", new JsonArray());
        String id = app.getString("id");
        gw.admin().contentType("application/json").body("{\"isSuspended\":\"true\"}").patch("/rest/apigateway/applications/" + id)
            .then().statusCode(200).body("isSuspended", equalTo(true));
        gw.admin().contentType("application/json").body("{\"name\":\"B\",\"accessTokens\":{}}").put("/rest/apigateway/applications/" + id)
            .then().statusCode(200).body("name", equalTo("B")).body("isSuspended", equalTo(true))
            .body("accessTokens.apiAccessKey_credentials.apiAccessKey", equalTo(TestAuth.apiKey(app)));
    }

    @Test
    void apis_association_replaces_the_list_and_is_readable_from_both_sides() {
        String api = TestApis.registerActive(gw, "Svc", "1.0", "http://127.0.0.1:1", "/x");
        JsonObject app = TestAuth.createApp(gw, "A", new JsonArray());
        String id = app.getString("id");
        TestAuth.register(gw, id, "other");
        gw.admin().contentType("application/json").body("[\"" + api + "\"]").post("/rest/apigateway/applications/" + id + "/apis")
            .then().statusCode(200);
        gw.admin().get("/rest/apigateway/applications/" + id + "/apis").then().statusCode(200).body("apiIDs", equalTo(java.util.List.of(api)));
        gw.admin().get("/rest/apigateway/apis/" + api + "/applications").then().statusCode(200)
            .body("applications", hasSize(1)).body("applications[0].id", equalTo(id));
    }

    @Test
    void regenerating_the_api_key_returns_201_with_a_new_key() {
        JsonObject app = TestAuth.createApp(gw, "A", new JsonArray());
        String newKey = gw.admin().contentType("application/json").body("{\"type\":\"apiAccessKeyCredentials\"}")
            .post("/rest/apigateway/applications/" + app.getString("id") + "/accessTokens")
            .then().statusCode(201).extract().path("apiAccessKey_credentials.apiAccessKey");
        assertNotEquals(TestAuth.apiKey(app), newKey);
    }

    @Test
    void bad_input_and_missing_applications_give_4xx() {
        gw.admin().contentType("application/json").body("{}").post("/rest/apigateway/applications").then().statusCode(400);
        gw.admin().contentType("application/json").body("{\"type\":\"x\"}").post("/rest/apigateway/applications/nope/accessTokens")
            .then().statusCode(400);
        gw.admin().get("/rest/apigateway/applications/nope").then().statusCode(404);
        gw.admin().delete("/rest/apigateway/applications?ids=nope").then().statusCode(404);
        JsonObject app = TestAuth.createApp(gw, "A", new JsonArray());
        gw.admin().delete("/rest/apigateway/applications?ids=" + app.getString("id")).then().statusCode(204);
        assertEquals(404, gw.admin().get("/rest/apigateway/applications/" + app.getString("id")).statusCode());
        gw.anonymous().get("/rest/apigateway/applications").then().statusCode(401);
    }
}
