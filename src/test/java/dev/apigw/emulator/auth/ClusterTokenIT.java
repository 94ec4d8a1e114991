package dev.apigw.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two gateway nodes on one private Redis: tokens, revocations and suspensions travel between them. */
@ExtendWith(VertxExtension.class)
class ClusterTokenIT {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    RedisServer redis;
    EchoBackend echo;
    TestGateway a;
    TestGateway b;
    JsonObject app;

    @BeforeEach
    void start(Vertx vertx) {
        redis = RedisServer.startNew();
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        a = TestGateway.start(vertx, settings());
        b = TestGateway.start(vertx, settings());
        String api = TestApis.registerActive(a, "Shared", "1.0", "http://127.0.0.1:" + echo.port(), "/get");
        TestAuth.enforce(a, api, TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        app = TestAuth.createApp(a, "Clustered", new JsonArray());
        TestAuth.register(a, app.getString("id"), api);
    }

    private JsonObject settings() {
        JsonObject s = TestGateway.defaults();
        s.getJsonObject("redis").put("url", redis.url()).put("commandTimeoutMs", 500);
        return s;
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        Await.result(echo.stop());
        redis.close();
    }

    private io.restassured.response.Response issue(TestGateway gw) {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post(TOKEN);
    }

    private int call(TestGateway gw, String token) {
        return gw.anonymous().header("Authorization", "Bearer " + token).get("/gateway/Shared/1.0/get").statusCode();
    }

    /** Polls every 20 ms for at most {@code ms}; fails if the status is not reached by then. */
    private void within(long ms, java.util.function.IntSupplier status, int expected) {
        long deadline = System.nanoTime() + ms * 1_000_000;
        int last;
        do {
            last = status.getAsInt();
            if (last == expected) return;
        } while (System.nanoTime() < deadline);
        assertEquals(expected, last);
    }

    @Test
    void a_token_issued_on_one_node_is_accepted_on_the_other_and_revocation_reaches_it_within_a_second() {
        String token = issue(a).then().statusCode(200).extract().path("access_token");
        TestAuth.awaitStatus(() -> call(b, token), 200);
        a.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        within(1_000, () -> call(b, token), 401);
    }

    @Test
    void suspending_the_application_on_one_node_rejects_its_cached_tokens_on_the_other_within_a_second() {
        String token = issue(a).then().statusCode(200).extract().path("access_token");
        TestAuth.awaitStatus(() -> call(b, token), 200);
        a.admin().contentType("application/json").body("{\"isSuspended\":true}")
            .patch("/rest/apigateway/applications/" + app.getString("id")).then().statusCode(200);
        within(1_000, () -> call(b, token), 401);
    }

    @Test
    void with_redis_down_cached_tokens_keep_validating_and_new_tokens_get_503() {
        String token = issue(a).then().statusCode(200).extract().path("access_token");
        TestAuth.awaitStatus(() -> call(b, token), 200);
        redis.stop();
        assertEquals(200, call(b, token));
        issue(a).then().statusCode(503);
        redis.start();
    }
}
