package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.config.RedisConfig;
import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.Eventually;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.Routing;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What two gateway nodes sharing one Redis deployment get, whatever its topology: assets and the change feed,
 * tokens and revocations, throttles and subscription quotas counted across nodes, published metrics, transactional
 * events (each node's stream, searched from either). A subclass starts its topology once per class
 * ({@link #startStore()}); the two nodes run on it for every test.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedStoreContract {
    static final Duration ONE_SECOND = Duration.ofSeconds(1);
    static final String TOKEN = "/invoke/pub.apigateway.oauth2/getAccessToken";
    Vertx vertx;
    EchoBackend echo;
    String url;
    TestGateway a;
    TestGateway b;

    /** Starts the Redis deployment; returns the {@code redis.url} of it. */
    abstract String startStore();

    abstract void stopStore();

    @BeforeAll
    void startNodes(Vertx vertx) {
        this.vertx = vertx;
        url = startStore();
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        a = node();
        b = node();
    }

    @AfterAll
    void stopNodes() {
        if (b != null) b.close();
        if (a != null) a.close();
        if (echo != null) Await.result(echo.stop());
        stopStore();
    }

    TestGateway node() {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("redis").put("url", url).put("commandTimeoutMs", 1_000);
        return TestGateway.start(vertx, settings, List.of(Throttles.headerIdentification()));
    }

    static String randomName() {
        return "Api" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    String echoUrl() {
        return "http://127.0.0.1:" + echo.port();
    }

    static int status(TestGateway gw, String path) {
        return gw.anonymous().get(path).statusCode();
    }

    /** Waits until both nodes route {@code path}, without running its policies (OPTIONS is not in its definition). */
    void awaitDeployed(String path) {
        for (TestGateway gw : List.of(a, b)) {
            Eventually.until(ONE_SECOND, "the node routes " + path, () -> gw.anonymous().options(path).statusCode() == 405);
        }
    }

    @Test
    void an_api_published_on_one_node_is_served_by_the_other_and_changes_flow_both_ways() {
        String name = randomName();
        String path = "/gateway/" + name + "/1.0/get";
        String id = TestApis.registerActive(a, name, "1.0", echoUrl(), "/get");
        Eventually.until(ONE_SECOND, "node B serves the API published on A", () -> status(b, path) == 200);
        Routing.change(b, id, "http://127.0.0.1:1${sys:resource_path}"); // a port nobody listens on
        Eventually.until(ONE_SECOND, "node A follows the routing change made on B", () -> status(a, path) == 503);
        b.admin().put("/rest/apigateway/apis/" + id + "/deactivate").then().statusCode(200);
        a.admin().delete("/rest/apigateway/apis/" + id).then().statusCode(204);
        Eventually.until(ONE_SECOND, "the API deleted on A is gone from B", () -> status(b, path) == 404);
    }

    @Test
    void a_token_issued_on_one_node_is_accepted_by_the_other_and_its_revocation_reaches_it() {
        String name = randomName();
        String api = TestApis.registerActive(a, name, "1.0", echoUrl(), "/get");
        TestAuth.enforce(a, api, TestAuth.identifyAction("OR", false, "strict", "oAuth2Token"));
        JsonObject app = TestAuth.createApp(a, name, new JsonArray());
        TestAuth.register(a, app.getString("id"), api);
        String token = a.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post(TOKEN)
            .then().statusCode(200).extract().path("access_token");
        String path = "/gateway/" + name + "/1.0/get";
        TestAuth.awaitStatus(() -> b.anonymous().header("Authorization", "Bearer " + token).get(path).statusCode(), 200);
        a.anonymous().auth().preemptive().basic(TestAuth.clientId(app), TestAuth.clientSecret(app))
            .formParam("token", token).post("/invoke/pub.oauth/revokeToken").then().statusCode(200);
        Eventually.until(ONE_SECOND, "node B rejects the token revoked on A",
            () -> b.anonymous().header("Authorization", "Bearer " + token).get(path).statusCode() == 401);
    }

    @Test
    void a_throttle_counts_the_requests_of_both_nodes_against_one_limit() {
        String name = randomName();
        String api = TestApis.register(a, name, "1.0", TestApis.openApi(name, echoUrl(), "/get"));
        Throttles.attachToApi(a, api, Throttles.createAction(a, Throttles.action(4, 1, "minutes", List.of("AnyConsumers"))));
        a.admin().put("/rest/apigateway/apis/" + api + "/activate").then().statusCode(200);
        String path = "/gateway/" + name + "/1.0/get";
        awaitDeployed(path);
        a.anonymous().get(path).then().statusCode(200);
        b.anonymous().get(path).then().statusCode(200);
        a.anonymous().get(path).then().statusCode(200);
        b.anonymous().get(path).then().statusCode(200);
        a.anonymous().get(path).then().statusCode(429);
        b.anonymous().get(path).then().statusCode(429);
    }

    @Test
    void a_subscription_quota_is_enforced_across_nodes_and_their_counts_add_up_in_the_store() {
        String plan = plan(3);
        String app = subscribe(plan);
        String probe = subscribe(plan); // written after app: a node that enforces probe's quota knows app's too
        String name = randomName();
        String api = TestApis.register(a, name, "1.0", TestApis.openApi(name, echoUrl(), "/get"));
        Throttles.attachIdentification(a, api);
        a.admin().put("/rest/apigateway/apis/" + api + "/activate").then().statusCode(200);
        String path = "/gateway/" + name + "/1.0/get";
        for (TestGateway gw : List.of(a, b)) {
            Eventually.until(Duration.ofSeconds(2), "the node enforces the plan's quota",
                () -> gw.anonymous().header("X-Test-App", probe).get(path).statusCode() == 429);
        }
        a.anonymous().header("X-Test-App", app).get(path).then().statusCode(200);
        b.anonymous().header("X-Test-App", app).get(path).then().statusCode(200);
        a.anonymous().header("X-Test-App", app).get(path).then().statusCode(200);
        a.anonymous().header("X-Test-App", app).get(path).then().statusCode(429);
        b.anonymous().header("X-Test-App", app).get(path).then().statusCode(429);
        for (TestGateway gw : List.of(a, b)) {
            NodeProbe.of(gw.node()).flushables().forEach(f -> Await.result(f.flush()));
        }
        a.admin().get("/rest/apigateway/subscriptions/" + app + "/usage").then().statusCode(200)
            .body("successCount", equalTo(3)).body("failureCount", equalTo(2));
    }

    /** An application subscribed to the plan (stored as the subscription resources will store it); its id. */
    private String subscribe(String plan) {
        String app = "app-" + randomName();
        Await.result(NodeProbe.of(a.node()).store().put(AssetType.APPLICATIONS, app,
            new JsonObject().put("id", app).put("name", app).put("planId", plan)));
        return app;
    }

    /** A plan whose quota admits {@code n} requests per 3 minutes; returns its id. */
    private String plan(int n) {
        var created = a.admin().contentType("application/json").body("{\"name\":\"" + randomName() + "\",\"version\":\"1.0\"}")
            .post("/rest/apigateway/plans").then().statusCode(201).extract().jsonPath();
        String quotaPolicy = created.getString("planResponse.quota.enforcementPolicy");
        String action = Throttles.createAction(a, Throttles.action(n, 3, "minutes", List.of("AnyConsumers")));
        JsonObject policy = new JsonObject().put("id", quotaPolicy).put("policyEnforcements", new JsonArray());
        Policies.enforce(policy, "throttle", action);
        a.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + quotaPolicy).then().statusCode(200);
        return created.getString("planResponse.id");
    }

    @Test
    void events_recorded_on_either_node_are_found_from_both() {
        String name = randomName();
        String path = "/gateway/" + name + "/1.0/get";
        TestApis.registerActive(a, name, "1.0", echoUrl(), "/get");
        awaitDeployed(path); // OPTIONS probes: recorded too, with httpMethod options
        a.anonymous().get(path).then().statusCode(200);
        a.anonymous().get(path).then().statusCode(200);
        b.anonymous().get(path).then().statusCode(200);
        for (TestGateway gw : List.of(a, b)) { // each request's event is queued before it is counted out
            Eventually.until(ONE_SECOND, "every request counted out", () -> NodeProbe.of(gw.node()).inFlight() == 0);
            NodeProbe.of(gw.node()).flushables().forEach(f -> Await.result(f.flush()));
        }
        JsonObject[] ours = {EventSearches.keyword("apiName", name), EventSearches.keyword("httpMethod", "get")};
        for (TestGateway gw : List.of(a, b)) {
            JsonArray found = EventSearches.search(gw, "TRANSACTION_EVENTS", ours);
            assertEquals(3, found.size(), found.encode());
            assertEquals(2, found.stream().map(e -> ((JsonObject) e).getString("sourceGatewayNode")).distinct().count());
            assertEquals(3, EventSearches.count(gw, "TRANSACTION_EVENTS", ours));
        }
    }

    @Test
    void metrics_published_through_one_client_are_read_back_in_order_through_another() {
        RedisConnector one = new RedisConnector(vertx, new RedisConfig(url, 2_000, 2, 1_000));
        RedisConnector two = new RedisConnector(vertx, new RedisConfig(url, 2_000, 2, 1_000));
        String kind = RedisServer.randomKey("kind").replaceAll("[^a-z0-9]", "");
        Await.result(new RedisMetricsStore(one).append(kind, List.of(new JsonObject().put("n", 1), new JsonObject().put("n", 2))));
        Await.result(new RedisMetricsStore(two).append(kind, List.of(new JsonObject().put("n", 3))));
        List<JsonObject> read = Await.result(new RedisMetricsStore(one).read(kind));
        assertEquals(List.of(1, 2, 3), read.stream().map(r -> r.getInteger("n")).toList());
        Await.result(one.stop());
        Await.result(two.stop());
    }
}
