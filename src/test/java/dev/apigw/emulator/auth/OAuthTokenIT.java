package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local OAuth2 server on an embedded-store gateway. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthTokenIT {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    EchoBackend echo;
    TestGateway gw;
    JsonObject app;

    @BeforeAll
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("auth").put("tokenTtlSeconds", 3);
        gw = TestGateway.start(vertx, settings);
        String api = TestApis.registerActive(gw, "Tok", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        TestAuth.enforce(gw, api, TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        String both = TestApis.registerActive(gw, "Both", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        TestAuth.enforce(gw, both, TestAuth.identifyAction("AND", false, "strict", "oAuth2Token", "apiKey"));
        app = TestAuth.createApp(gw, "Client", new JsonArray());
        TestAuth.register(gw, app.getString("id"), api, both);
    }

    @AfterAll
    void stop() {
        gw.close();
        Await.result(echo.stop());
    }

    String tokenJson() {
        JsonObject body = new JsonObject().put("grant_type", "client_credentials")
            .put("client_id", TestAuth.clientId(app)).put("client_secret", TestAuth.clientSecret(app));
        return gw.anonymous().contentType("application/json").body(body.encode()).post(TOKEN).then().statusCode(200)
            .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3))
            .body("access_token", matchesPattern("[0-9a-f]{64}")).extract().path("access_token");
    }

    int call(String authorization) {
        return gw.anonymous().header("Authorization", authorization).get("/gateway/Tok/1.0/get").statusCode();
    }

    @Test
    void tokens_come_from_json_form_or_basic_credentials_and_authorize_calls() {
        TestAuth.awaitStatus(() -> call("Bearer " + tokenJson()), 200);
        String form = gw.anonymous().contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials").formParam("client_id", TestAuth.clientId(app))
            .formParam("client_secret", TestAuth.clientSecret(app)).post(TOKEN).then().statusCode(200).extract().path("access_token");
        String basic = gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post(TOKEN)
            .then().statusCode(200).extract().path("access_token");
        TestAuth.awaitStatus(() -> call("Bearer " + form), 200);
        TestAuth.awaitStatus(() -> call("bearer " + basic), 200);
    }

    @Test
    void and_of_token_and_api_key_needs_both_from_the_same_application() {
        String token = tokenJson();
        JsonObject other = TestAuth.createApp(gw, "Other", new JsonArray());
        java.util.function.BiFunction<String, String, Integer> both = (t, k) -> gw.anonymous()
            .header("Authorization", "Bearer " + t).header("x-Gateway-APIKey", k).get("/gateway/Both/1.0/get").statusCode();
        TestAuth.awaitStatus(() -> both.apply(token, TestAuth.apiKey(app)), 200);
        assertEquals(401, both.apply(token, TestAuth.apiKey(other)));
        assertEquals(401, both.apply("b".repeat(64), TestAuth.apiKey(app)));
    }

    @Test
    void bad_token_requests_get_oauth_errors() {
        gw.anonymous().contentType("application/json").body("{\"grant_type\":\"password\"}").post(TOKEN)
            .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        gw.anonymous().contentType("application/json").body("{\"grant_type\":\"client_credentials\",\"client_id\":\""
            + TestAuth.clientId(app) + "\",\"client_secret\":\"wrong\"}").post(TOKEN).then().statusCode(401)
            .body("error", equalTo("invalid_client"));
        gw.anonymous().contentType("application/json").body("[1,2]").post(TOKEN).then().statusCode(400);
        gw.anonymous().contentType("application/json").body("{not json").post(TOKEN).then().statusCode(400);
        gw.anonymous().queryParam("grant_type", "client_credentials").queryParam("client_id", TestAuth.clientId(app))
            .queryParam("client_secret", TestAuth.clientSecret(app)).post(TOKEN).then().statusCode(400);
        gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body("{\"grant_type\":\"client_credentials\",\"scope\":\"admin\"}").post(TOKEN)
            .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void introspection_and_revocation_follow_the_rfcs() {
        String token = tokenJson();
        gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(200)
            .body("active", equalTo(true)).body("client_id", equalTo(TestAuth.clientId(app)))
            .body("app_id", equalTo(app.getString("id")));
        gw.anonymous().formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(401);
        TestAuth.awaitStatus(() -> call("Bearer " + token), 200);
        gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        TestAuth.awaitStatus(() -> call("Bearer " + token), 401);
        gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(200)
            .body("active", equalTo(false));
    }

    @Test
    void tokens_expire_and_only_hashes_are_stored() throws Exception {
        String token = tokenJson();
        TestAuth.awaitStatus(() -> call("Bearer " + token), 200);
        TestAuth.awaitStatus(() -> call("Bearer " + token), 401);
        Path file = gw.config().dataDir().resolve("tokens").resolve("tokens.json");
        TestAuth.awaitStatus(() -> Files.exists(file) ? 1 : 0, 1);
        assertFalse(Files.readString(file).contains(token));
    }

    @Test
    void malformed_authorization_headers_get_401_never_5xx() {
        for (String h : new String[] {"Bearer", "Bearer ", "Bearer a b", "Bearer " + "g".repeat(64), "Basic", "Token x",
            "Bearer " + "a".repeat(64), "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer eyJ"}) {
            TestAuth.awaitStatus(() -> call(h), 401);
        }
    }
}
