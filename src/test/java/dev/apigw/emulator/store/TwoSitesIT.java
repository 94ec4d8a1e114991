package dev.apigw.emulator.store;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 003's multi-site set-up: two groups of nodes, each on its own Redis (site "east": two nodes, site "west": one),
 * configured alike. Within a site, quotas, tokens and revocations are shared; between sites, none of them is.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoSitesIT {
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    RedisServer eastRedis;
    RedisServer westRedis;
    EchoBackend echo;
    TestGateway east1;
    TestGateway east2;
    TestGateway west;
    JsonObject eastApp;
    JsonObject westApp;

    @BeforeAll
    void start(Vertx vertx) {
        eastRedis = RedisServer.startNew();
        westRedis = RedisServer.startNew();
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        east1 = node(vertx, eastRedis);
        east2 = node(vertx, eastRedis);
        west = node(vertx, westRedis);
        eastApp = configure(east1);
        westApp = configure(west);
        for (TestGateway gw : List.of(east1, east2, west)) {
            Eventually.until(Duration.ofSeconds(2), "the node routes both APIs", () ->
                gw.anonymous().options("/gateway/Limited/1.0/get").statusCode() == 405
                    && gw.anonymous().get("/gateway/Secured/1.0/get").statusCode() == 401);
        }
    }

    private static TestGateway node(Vertx vertx, RedisServer site) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", site.url());
        return TestGateway.start(vertx, settings);
    }

    /** The same assets at each site, as the product's management would publish them to each cluster. */
    private JsonObject configure(TestGateway gw) {
        String echoUrl = "http://127.0.0.1:" + echo.port();
        String limited = TestApis.register(gw, "Limited", "1.0", TestApis.openApi("Limited", echoUrl, "/get"));
        Throttles.attachToApi(gw, limited, Throttles.createAction(gw, Throttles.action(2, 1, "minutes", List.of("AnyConsumers"))));
        gw.admin().put("/rest/apigateway/apis/" + limited + "/activate").then().statusCode(200);
        String secured = TestApis.registerActive(gw, "Secured", "1.0", echoUrl, "/get");
        TestAuth.enforce(gw, secured, TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        JsonObject app = TestAuth.createApp(gw, "Partner", new JsonArray());
        TestAuth.register(gw, app.getString("id"), secured);
        return app;
    }

    @AfterAll
    void stop() {
        for (TestGateway gw : new TestGateway[] {west, east2, east1}) {
            if (gw != null) gw.close();
        }
        if (echo != null) Await.result(echo.stop());
        if (westRedis != null) westRedis.close();
        if (eastRedis != null) eastRedis.close();
    }

    private static String token(TestGateway gw, JsonObject app) {
        return gw.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post(TOKEN)
            .then().statusCode(200).extract().path("access_token");
    }

    private static int call(TestGateway gw, String token) {
        return gw.anonymous().header("Authorization", "Bearer " + token).get("/gateway/Secured/1.0/get").statusCode();
    }

    @Test
    void each_site_enforces_its_own_quota_shared_by_its_nodes_only() {
        String path = "/gateway/Limited/1.0/get";
        east1.anonymous().get(path).then().statusCode(200);
        east2.anonymous().get(path).then().statusCode(200);
        east1.anonymous().get(path).then().statusCode(429); // east's two nodes share one count
        west.anonymous().get(path).then().statusCode(200);  // west counts on its own
        west.anonymous().get(path).then().statusCode(200);
        west.anonymous().get(path).then().statusCode(429);
    }

    @Test
    void a_token_issued_at_one_site_is_valid_on_every_node_of_that_site_only() {
        String east = token(east1, eastApp);
        TestAuth.awaitStatus(() -> call(east2, east), 200);
        TestAuth.awaitStatus(() -> call(west, east), 401);
    }

    @Test
    void a_revocation_reaches_the_nodes_of_its_site_and_nothing_at_the_other() {
        String east = token(east1, eastApp);
        String westToken = token(west, westApp);
        TestAuth.awaitStatus(() -> call(east2, east), 200);
        TestAuth.awaitStatus(() -> call(west, westToken), 200);
        east1.anonymous().auth().preemptive().basic(TestAuth.clientId(eastApp), TestAuth.clientSecret(eastApp))
            .formParam("token", east).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        TestAuth.awaitStatus(() -> call(east2, east), 401);
        TestAuth.awaitStatus(() -> call(west, westToken), 200);
    }
}
