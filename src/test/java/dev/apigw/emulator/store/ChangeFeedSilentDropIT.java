package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.FreezingProxy;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change-feed connection that goes silent without closing (a partition, a peer gone without a RST): node B reaches
 * Redis through a proxy that stops forwarding on its subscriptions. B's PING notices, B subscribes again and reloads
 * everything, so what it missed (an API published, a token revoked) takes effect.
 */
@ExtendWith(VertxExtension.class)
class ChangeFeedSilentDropIT {
    RedisServer redis;
    FreezingProxy proxy;
    EchoBackend echo;
    TestGateway a;
    TestGateway b;

    @BeforeEach
    void start(Vertx vertx) {
        redis = RedisServer.startNew();
        proxy = FreezingProxy.start(vertx, redis.port());
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        a = node(vertx, redis.url());
        b = node(vertx, proxy.url());
    }

    private static TestGateway node(Vertx vertx, String url) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", url).put("pingIntervalMs", 300).put("commandTimeoutMs", 300);
        return TestGateway.start(vertx, settings);
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        Await.result(echo.stop());
        proxy.close();
        redis.close();
    }

    @Test
    void a_silently_dropped_subscription_is_noticed_by_its_ping_and_what_was_missed_is_reloaded() {
        String echoUrl = "http://127.0.0.1:" + echo.port();
        String api = TestApis.registerActive(a, "Secured", "1.0", echoUrl, "/get");
        TestAuth.enforce(a, api, TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        JsonObject app = TestAuth.createApp(a, "Partner", new JsonArray());
        TestAuth.register(a, app.getString("id"), api);
        String token = a.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}")
            .post("/invoke/pub.apigateway.oauth2/getAccessToken").then().statusCode(200).extract().path("access_token");
        TestAuth.awaitStatus(() -> call(b, token), 200); // cached on B from now on

        assertEquals(2, proxy.freezeSubscriptions(), "B's two subscriptions (assets, revocations) go silent");
        TestApis.registerActive(a, "Late", "1.0", echoUrl, "/get");
        a.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);

        Eventually.until(Duration.ofSeconds(5), "B serves the API published while its feed was silent",
            () -> b.anonymous().get("/gateway/Late/1.0/get").statusCode() == 200);
        Eventually.until(Duration.ofSeconds(5), "B rejects the token revoked while its feed was silent",
            () -> call(b, token) == 401);
    }

    private static int call(TestGateway gw, String token) {
        return gw.anonymous().header("Authorization", "Bearer " + token).get("/gateway/Secured/1.0/get").statusCode();
    }
}
