package dev.apigw.emulator.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The local OAuth2 server on an embedded-store gateway: tokens for one application registered to two APIs. */
@GatewayIT(set = "auth.tokenTtlSeconds=3")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthTokenIT {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    private final TestGateway gw;
    private DeployedApi tok;
    private DeployedApi both;
    private JsonObject app;

    OAuthTokenIT(TestGateway gw) {
        this.gw = gw;
    }

    @BeforeAll
    void deploy(Echo echo) {
        tok = gw.deploy("apis/identified-by-oauth2-token.json", Map.of("name", "Tok", "echo", echo.url()));
        both = gw.deploy("apis/identified-by-oauth2-token-and-api-key.json", Map.of("name", "Both", "echo", echo.url()));
        app = Assets.application(gw, "applications/named.json", Map.of("name", "Client"));
        TestAuth.register(gw, app.getString("id"), tok.id(), both.id());
    }

    private RequestSpecification basicAuth() {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app));
    }

    private String tokenJson() {
        return gw.anonymous().contentType("application/json").body(Fixtures.text("oauth/client-credentials.json",
                Map.of("clientId", TestAuth.clientId(app), "clientSecret", TestAuth.clientSecret(app))))
            .post(TOKEN).then().statusCode(200)
            .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3))
            .body("access_token", matchesPattern("[0-9a-f]{64}")).extract().path("access_token");
    }

    private int call(String authorization) {
        return gw.anonymous().header("Authorization", authorization).get(tok.path() + "/get").statusCode();
    }

    /** Polls until the API answers {@code status}: token and application indexes are updated asynchronously. */
    private void expect(String authorization, int status) {
        Poll.until(authorization + " answered " + status, 5_000, () -> call(authorization) == status);
    }

    @Test
    void tokens_come_from_json_form_or_basic_credentials_and_authorize_calls() {
        expect("Bearer " + tokenJson(), 200);
        String form = gw.anonymous().contentType("application/x-www-form-urlencoded")
            .formParam("grant_type", "client_credentials").formParam("client_id", TestAuth.clientId(app))
            .formParam("client_secret", TestAuth.clientSecret(app)).post(TOKEN).then().statusCode(200).extract().path("access_token");
        String basic = basicAuth().contentType("application/json").body(Fixtures.text("oauth/client-credentials-grant.json", Map.of()))
            .post(TOKEN).then().statusCode(200).extract().path("access_token");
        expect("Bearer " + form, 200);
        expect("bearer " + basic, 200);
    }

    @Test
    void and_of_token_and_api_key_needs_both_from_the_same_application() {
        String token = tokenJson();
        JsonObject other = Assets.application(gw, "applications/named.json", Map.of("name", "Other"));
        BiFunction<String, String, Integer> call = (t, k) -> gw.anonymous()
            .header("Authorization", "Bearer " + t).header("x-Gateway-APIKey", k).get(both.path() + "/get").statusCode();
        Poll.until("token and key of one application accepted", 5_000, () -> call.apply(token, TestAuth.apiKey(app)) == 200);
        assertEquals(401, call.apply(token, TestAuth.apiKey(other)));
        assertEquals(401, call.apply("b".repeat(64), TestAuth.apiKey(app)));
    }

    @Test
    void bad_token_requests_get_oauth_errors() {
        gw.anonymous().contentType("application/json").body("{\"grant_type\":\"password\"}").post(TOKEN)
            .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        gw.anonymous().contentType("application/json").body(Fixtures.text("oauth/client-credentials.json",
                Map.of("clientId", TestAuth.clientId(app), "clientSecret", "wrong")))
            .post(TOKEN).then().statusCode(401).body("error", equalTo("invalid_client"));
        gw.anonymous().contentType("application/json").body("[1,2]").post(TOKEN).then().statusCode(400);
        gw.anonymous().contentType("application/json").body("{not json").post(TOKEN).then().statusCode(400);
        gw.anonymous().queryParam("grant_type", "client_credentials").queryParam("client_id", TestAuth.clientId(app))
            .queryParam("client_secret", TestAuth.clientSecret(app)).post(TOKEN).then().statusCode(400);
        basicAuth().contentType("application/json").body("{\"grant_type\":\"client_credentials\",\"scope\":\"admin\"}").post(TOKEN)
            .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void introspection_and_revocation_follow_the_rfcs() {
        String token = tokenJson();
        basicAuth().formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(200)
            .body("active", equalTo(true)).body("client_id", equalTo(TestAuth.clientId(app)))
            .body("app_id", equalTo(app.getString("id")));
        gw.anonymous().formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(401);
        expect("Bearer " + token, 200);
        basicAuth().formParam("token", token).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        expect("Bearer " + token, 401);
        basicAuth().formParam("token", token).post("/invoke/pub.oauth/introspectToken").then().statusCode(200)
            .body("active", equalTo(false));
    }

    @Test
    void tokens_expire_and_only_hashes_are_stored() throws Exception {
        String token = tokenJson();
        expect("Bearer " + token, 200);
        expect("Bearer " + token, 401);
        Path file = gw.config().dataDir().resolve("tokens").resolve("tokens.json");
        Poll.until("the token store written", 5_000, () -> Files.exists(file));
        assertFalse(Files.readString(file).contains(token));
    }

    static Stream<Named<String>> malformedAuthorizations() {
        return Stream.of(
            Named.of("Bearer without a token", "Bearer"),
            Named.of("Bearer and a space", "Bearer "),
            Named.of("Bearer with two words", "Bearer a b"),
            Named.of("Bearer with 64 characters that are not hex", "Bearer " + "g".repeat(64)),
            Named.of("Basic without credentials", "Basic"),
            Named.of("an unknown scheme", "Token x"),
            Named.of("Bearer with an unknown token of the right shape", "Bearer " + "a".repeat(64)),
            Named.of("Bearer with an unsigned JWT", "Bearer eyJhbGciOiJub25lIn0.e30."),
            Named.of("Bearer with a JWT cut short", "Bearer eyJ"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorizations")
    void malformed_authorization_headers_get_401_never_5xx(String authorization) {
        expect(authorization, 401);
    }
}
