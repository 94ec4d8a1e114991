package dev.apigw.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway nodes on one private Redis (the class's node {@code a} and its peer {@code b}): tokens, revocations
 * and suspensions travel between them. Each test registers an application of its own to the shared API.
 */
@GatewayIT(redis = true, set = "redis.commandTimeoutMs=500")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTokenIT {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    private final TestGateway a;
    private TestGateway b;
    private DeployedApi api;

    ClusterTokenIT(TestGateway a) {
        this.a = a;
    }

    @BeforeAll
    void startPeerAndDeploy(Echo echo) {
        b = a.peer();
        api = sharedApi(a, echo);
    }

    @AfterAll
    void stopPeer() {
        b.close();
    }

    static DeployedApi sharedApi(TestGateway gw, Echo echo) {
        return gw.deploy("apis/identified-by-oauth2-token.json", Map.of("name", "Shared", "echo", echo.url()));
    }

    static JsonObject registeredApp(TestGateway gw, DeployedApi api) {
        JsonObject app = Assets.application(gw, "applications/named.json", Map.of("name", "Clustered"));
        TestAuth.register(gw, app.getString("id"), api.id());
        return app;
    }

    static Response issue(TestGateway gw, JsonObject app) {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body(Fixtures.text("oauth/client-credentials-grant.json", Map.of())).post(TOKEN);
    }

    static int call(TestGateway gw, DeployedApi api, String token) {
        return gw.anonymous().header("Authorization", "Bearer " + token).get(api.path() + "/get").statusCode();
    }

    static String tokenAcceptedOnBoth(TestGateway a, TestGateway b, DeployedApi api, JsonObject app) {
        String token = issue(a, app).then().statusCode(200).extract().path("access_token");
        Poll.until("the token issued on A accepted on B", 5_000, () -> call(b, api, token) == 200);
        return token;
    }

    @Test
    void a_token_issued_on_one_node_is_accepted_on_the_other_and_revocation_reaches_it_within_a_second() {
        JsonObject app = registeredApp(a, api);
        String token = tokenAcceptedOnBoth(a, b, api, app);
        a.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        Poll.until("B rejects the token revoked on A", 1_000, () -> call(b, api, token) == 401);
    }

    @Test
    void suspending_the_application_on_one_node_rejects_its_cached_tokens_on_the_other_within_a_second() {
        JsonObject app = registeredApp(a, api);
        String token = tokenAcceptedOnBoth(a, b, api, app);
        Assets.json(a, "applications/suspend.json").patch("/rest/apigateway/applications/" + app.getString("id"))
            .then().statusCode(200);
        Poll.until("B rejects the token of the application suspended on A", 1_000, () -> call(b, api, token) == 401);
    }

    /** Nodes of their own: the test takes their Redis away. */
    @Nested
    @GatewayIT(redis = true, perTest = true, set = "redis.commandTimeoutMs=500")
    class WhenRedisGoesDown {
        private TestGateway b;

        @BeforeEach
        void startPeer(TestGateway a) {
            b = a.peer();
        }

        @AfterEach
        void stopPeer() {
            b.close();
        }

        @Test
        void with_redis_down_cached_tokens_keep_validating_and_new_tokens_get_503(TestGateway a, Echo echo, RedisServer redis) {
            DeployedApi api = sharedApi(a, echo);
            JsonObject app = registeredApp(a, api);
            String token = tokenAcceptedOnBoth(a, b, api, app);
            redis.stop();
            assertEquals(200, call(b, api, token));
            issue(a, app).then().statusCode(503);
            redis.start();
        }
    }
}
