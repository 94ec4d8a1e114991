package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.RedisSentinelSet;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed documents' "losing quorum" rows, on a real Sentinel set: two of the three Sentinels are gone and then the
 * master dies, so nothing can be promoted and the store stays away. Each test is one row of the table in
 * docs/redis-topologies.md: what keeps working, what is refused with a 503, and how throttles decide; the last one
 * brings the master back.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreQuorumLossIT {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    static final String WRITE = "{\"policyAction\":{\"templateKey\":\"logInvocation\"}}";
    RedisSentinelSet sentinel;
    EchoBackend echo;
    TestGateway gw;
    JsonObject app;
    String validatedToken;
    String unusedToken;
    String jwt;
    int masterPort;

    @BeforeAll
    void start(Vertx vertx) {
        sentinel = RedisSentinelSet.start();
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", sentinel.url()).put("commandTimeoutMs", 500);
        // one Redis call per request: with leased permits, a node spends what Redis granted before deciding without it
        settings.getJsonObject("rateLimit").put("clusterNodes", 2).put("leaseMax", 0);
        gw = TestGateway.start(vertx, settings);
        String echoUrl = "http://127.0.0.1:" + echo.port();
        TestApis.registerActive(gw, "Open", "1.0", echoUrl, "/get");
        String tokens = TestApis.registerActive(gw, "Tokens", "1.0", echoUrl, "/get");
        TestAuth.enforce(gw, tokens, TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        String jwts = TestApis.registerActive(gw, "Jwts", "1.0", echoUrl, "/get");
        TestAuth.enforce(gw, jwts, TestAuth.identifyAction("OR", false, "strict", "jwtClaims"));
        app = TestAuth.createApp(gw, "Partner", new JsonArray());
        TestAuth.register(gw, app.getString("id"), tokens, jwts);
        for (String mode : List.of("FAIL_OPEN", "FAIL_CLOSED", "LOCAL")) throttled(echoUrl, mode);
        validatedToken = issue().then().statusCode(200).extract().path("access_token");
        TestAuth.awaitStatus(() -> bearer(validatedToken).get("/gateway/Tokens/1.0/get").statusCode(), 200);
        unusedToken = issue().then().statusCode(200).extract().path("access_token");
        jwt = newJwt().then().statusCode(200).extract().path("jwt");
        bearer(jwt).get("/gateway/Jwts/1.0/get").then().statusCode(200);

        sentinel.stopSentinels(2); // one Sentinel left: below the quorum of 2, it can never promote the replica
        masterPort = sentinel.killMaster();
        Eventually.until(Duration.ofSeconds(5), "the node sees its store gone", () -> "red".equals(
            gw.anonymous().get("/rest/apigateway/health/engine").jsonPath().getString("dataStore.status")));
    }

    /** An API "Limited&lt;mode&gt;" with a throttle of 10 per minute that decides by {@code mode} without Redis. */
    private void throttled(String echoUrl, String mode) {
        String name = "Limited" + mode.replace("_", "");
        String api = TestApis.register(gw, name, "1.0", TestApis.openApi(name, echoUrl, "/get"));
        Throttles.attachToApi(gw, api, Throttles.createAction(gw, Throttles.action(10, 1, "minutes",
            List.of("AnyConsumers"), PolicyActions.param("onStoreError", mode))));
        gw.admin().put("/rest/apigateway/apis/" + api + "/activate").then().statusCode(200);
        TestAuth.awaitStatus(() -> gw.anonymous().get("/gateway/" + name + "/1.0/get").statusCode(), 200);
    }

    @AfterAll
    void stop() {
        if (gw != null) gw.close();
        if (echo != null) Await.result(echo.stop());
        if (sentinel != null) sentinel.close();
    }

    private RequestSpecification client() {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app));
    }

    private Response issue() {
        return client().contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post(TOKEN);
    }

    private Response newJwt() {
        return client().get("/rest/pub/apigateway/jwt/getJsonWebToken");
    }

    private RequestSpecification bearer(String token) {
        return gw.anonymous().header("Authorization", "Bearer " + token);
    }

    @Test
    @Order(1)
    void traffic_keeps_flowing_on_the_last_route_table() {
        gw.anonymous().get("/gateway/Open/1.0/get").then().statusCode(200);
    }

    @Test
    @Order(2)
    void a_bearer_token_validated_before_keeps_validating() {
        bearer(validatedToken).get("/gateway/Tokens/1.0/get").then().statusCode(200);
    }

    @Test
    @Order(3)
    void a_token_this_node_never_validated_gets_503_not_401() {
        bearer(unusedToken).get("/gateway/Tokens/1.0/get").then().statusCode(503);
    }

    @Test
    @Order(4)
    void jwts_keep_validating_and_new_ones_are_signed() {
        bearer(jwt).get("/gateway/Jwts/1.0/get").then().statusCode(200);
        String fresh = newJwt().then().statusCode(200).extract().path("jwt");
        bearer(fresh).get("/gateway/Jwts/1.0/get").then().statusCode(200);
    }

    @Test
    @Order(5)
    void a_new_token_is_refused_with_503() {
        issue().then().statusCode(503).header("Retry-After", "1").body("error", equalTo("temporarily_unavailable"));
    }

    @Test
    @Order(6)
    void a_revocation_is_refused_with_503() {
        client().formParam("token", validatedToken).post("/invoke/pub.oauth/revokeToken").then().statusCode(503);
    }

    @Test
    @Order(7)
    void design_time_writes_are_refused_with_503_and_a_reason() {
        gw.admin().contentType("application/json").body(WRITE).post("/rest/apigateway/policyActions").then()
            .statusCode(503).header("Retry-After", "1")
            .body("errorDetails", containsString("Redis (Sentinel master set 'mymaster') did not answer"));
    }

    @Test
    @Order(8)
    void a_fail_open_throttle_admits_and_says_so() {
        gw.anonymous().get("/gateway/LimitedFAILOPEN/1.0/get").then().statusCode(200)
            .header("X-RateLimit-Degraded", "FAIL_OPEN");
    }

    @Test
    @Order(8)
    void a_fail_closed_throttle_answers_503() {
        gw.anonymous().get("/gateway/LimitedFAILCLOSED/1.0/get").then().statusCode(503)
            .header("X-RateLimit-Degraded", "FAIL_CLOSED");
    }

    @Test
    @Order(8)
    void a_local_throttle_enforces_this_nodes_share() {
        for (int i = 0; i < 5; i++) {
            gw.anonymous().get("/gateway/LimitedLOCAL/1.0/get").then().statusCode(200).header("X-RateLimit-Degraded", "LOCAL");
        }
        gw.anonymous().get("/gateway/LimitedLOCAL/1.0/get").then().statusCode(429).header("X-RateLimit-Limit", "5");
    }

    @Test
    @Order(9)
    void health_shows_which_capabilities_are_lost() {
        gw.anonymous().get("/rest/apigateway/health").then().statusCode(200).body("status", equalTo("yellow"));
        gw.anonymous().get("/rest/apigateway/health/engine").then().statusCode(200).body("status", equalTo("yellow"))
            .body("dataStore.topology", equalTo("sentinel")).body("dataStore.status", equalTo("red"))
            .body("terracotta.status", equalTo("red")).body("rateLimit.status", equalTo("yellow"))
            .body("capabilities.runtimeTraffic.status", equalTo("green"))
            .body("capabilities.tokenValidation.status", equalTo("yellow"))
            .body("capabilities.jwtIssue.status", equalTo("green"))
            .body("capabilities.tokenIssue.status", equalTo("red"))
            .body("capabilities.revocation.status", equalTo("red"))
            .body("capabilities.designTimeWrites.status", equalTo("red"))
            .body("capabilities.changeFeed.status", equalTo("red"))
            .body("capabilities.rateLimits.status", equalTo("yellow"))
            .body("capabilities.quotaCounters.status", equalTo("yellow"));
    }

    @Test
    @Order(10)
    void everything_resumes_without_a_restart_once_the_master_is_back() {
        sentinel.server(masterPort).start(); // with its append-only file: the data it had
        Eventually.until(Duration.ofSeconds(10), "design-time writes are accepted again", () -> gw.admin()
            .contentType("application/json").body(WRITE).post("/rest/apigateway/policyActions").statusCode() == 201);
        issue().then().statusCode(200);
        client().formParam("token", validatedToken).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        bearer(validatedToken).get("/gateway/Tokens/1.0/get").then().statusCode(401);
        Eventually.until(Duration.ofSeconds(5), "the engine is green again", () -> "green".equals(
            gw.anonymous().get("/rest/apigateway/health/engine").jsonPath().getString("status")));
    }
}
