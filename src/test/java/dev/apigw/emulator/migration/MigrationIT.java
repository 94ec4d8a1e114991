package dev.apigw.emulator.migration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Migrations;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.TestPrincipals;
import dev.apigw.emulator.support.Webhooks;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The migration API between two real nodes: the class's gateway is the old node (an API with an API-key policy, an
 * application registered to it, a plan, a webhook, an extended setting, published metrics); each test migrates into
 * a new node of its own.
 */
@GatewayIT(set = "metrics.publishIntervalSeconds=1")
class MigrationIT {
    static final String DESIGNTIME = "{\"enable\":%s,\"block\":\"designtime\"}";
    static JsonObject app;
    static String apiId;
    static TestPrincipals principals;

    @BeforeAll
    static void populate_the_old_node(TestGateway old, Echo echo) {
        apiId = TestApis.registerActive(old, "Ledger", "1.0", echo.url(), "/get");
        TestAuth.enforce(old, apiId, TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        app = TestAuth.createApp(old, "LedgerClient", new JsonArray());
        TestAuth.register(old, app.getString("id"), apiId);
        old.admin().contentType("application/json").body("{\"name\":\"Gold\"}").post("/rest/apigateway/plans").then().statusCode(201);
        old.admin().contentType("application/json").body("{\"config\":{\"url\":\"http://127.0.0.1:9/old\"},\"events\":"
            + "[\"apigateway:server:started\"],\"active\":false}").post("/rest/apigateway/webhooks").then().statusCode(201);
        old.admin().contentType("application/json").body("{\"pgmen.quotaSurvival.interval\":\"5\"}")
            .put("/rest/apigateway/configurations/settings").then();
        principals = TestPrincipals.create(old, "ledgerops", apiId);
        TestAuth.awaitStatus(() -> call(old, TestAuth.apiKey(app)), 200);
    }

    /** Waits for the old node to publish its metrics (every second) and flushes its quota counters. */
    static int published(TestGateway old) {
        int[] records = new int[1];
        Poll.until("the old node publishes its metrics", () -> {
            NodeProbe.of(old.node()).flushables().forEach(f -> Await.result(f.flush()));
            records[0] = old.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then()
                .extract().path("records");
            return records[0] > 0 && Await.result(NodeProbe.of(old.node()).quotaCounters().get(app.getString("id"))) != null;
        });
        return records[0];
    }

    static int call(TestGateway gw, String key) {
        return gw.anonymous().header("x-Gateway-APIKey", key).get("/gateway/Ledger/1.0/get").statusCode();
    }

    static String url(TestGateway gw) {
        return "http://127.0.0.1:" + gw.port();
    }

    static int count(TestGateway gw, AssetType type) {
        return Await.result(NodeProbe.of(gw.node()).store().list(type)).size();
    }

    static void designtime(TestGateway gw, boolean enable) {
        gw.admin().contentType("application/json").body(String.format(DESIGNTIME, enable)).put("/rest/apigateway/quiescemode")
            .then().statusCode(200);
    }

    @Test
    void clean_reindex_and_transform_from_the_old_nodes_url_while_it_is_quiesced_for_design_time(TestGateway old, Vertx vertx) {
        try (TestGateway fresh = TestGateway.start(vertx); Webhooks hooks = Webhooks.start(vertx)) {
            hooks.subscribe(fresh, "migration:clean:datastore:completed", "migration:reindex:core:completed",
                "migration:transform:assets:competed");
            fresh.admin().contentType("application/json").body(Migrations.CLEAN).post("/rest/apigateway/migration").then()
                .statusCode(202).body("status", equalTo(" clean operation is in progress"));
            assertEquals("success", Migrations.settled(fresh, "clean").getString("status"));
            assertEquals("success", hooks.await("migration:clean:datastore:completed").getJsonObject("data").getString("status"));
            designtime(old, true);
            try {
                JsonObject reindexed = Migrations.run(fresh, Migrations.reindex("core", url(old), "Administrator", "manage"));
                assertEquals("success", reindexed.getString("status"), reindexed.encode());
                assertEquals(count(old, AssetType.APIS), reindexed.getJsonObject("counts").getInteger("apis"));
            } finally {
                designtime(old, false);
            }
            assertEquals(200, call(fresh, TestAuth.apiKey(app)), "the API is served with the old node's key at once");
            JsonObject token = new JsonObject().put("grant_type", "client_credentials")
                .put("client_id", TestAuth.clientId(app)).put("client_secret", TestAuth.clientSecret(app));
            fresh.anonymous().contentType("application/json").body(token.encode()).post("/invoke/pub.apigateway.oauth2/getAccessToken")
                .then().statusCode(200);
            fresh.admin().get("/rest/apigateway/plans").then().body("planResponse.name", hasItem("Gold"));
            fresh.admin().get("/rest/apigateway/webhooks").then().body("response.config.url", hasItem("http://127.0.0.1:9/old"));
            assertEquals(200, principals.token(fresh, principals.clientSecret()), "the strategy's client travels with its secret");
            assertEquals(200, principals.signIn(fresh, principals.password()), "the user travels with its password");
            for (AssetType t : List.of(AssetType.APIS, AssetType.POLICIES, AssetType.POLICY_ACTIONS, AssetType.APPLICATIONS, AssetType.PLANS,
                AssetType.STRATEGIES, AssetType.GATEWAY_SCOPES, AssetType.USERS, AssetType.GROUPS, AssetType.ACCESS_PROFILES)) {
                assertEquals(count(old, t), count(fresh, t), t.key());
            }
            JsonObject transformed = Migrations.run(fresh, Migrations.TRANSFORM);
            assertEquals("success", transformed.getString("status"), transformed.encode());
            assertEquals(count(old, AssetType.APIS), transformed.getJsonObject("counts").getInteger("apis"));
            hooks.await("migration:reindex:core:completed");
            hooks.await("migration:transform:assets:competed");
        }
    }

    @Test
    void reindex_logsevents_copies_published_metrics_and_quota_counters(TestGateway old, Vertx vertx) {
        int published = published(old);
        try (TestGateway fresh = TestGateway.start(vertx)) {
            JsonObject status = Migrations.run(fresh, Migrations.reindex("logsevents", url(old), "Administrator", "manage"));
            assertEquals("success", status.getString("status"), status.encode());
            fresh.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then().statusCode(200)
                .body("records", equalTo(published));
            JsonObject quota = Await.result(NodeProbe.of(fresh.node()).quotaCounters().get(app.getString("id")));
            assertTrue(quota != null && quota.getLong("successCount") > 0, "the old node's quota counters copied");
            assertEquals(0, count(fresh, AssetType.APIS), "logs and events bring no design-time assets");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nothing listens | http://127.0.0.1:{free} | Administrator | manage | cannot reach the source gateway",
        "not a gateway | {echo} | Administrator | manage | it is not an API Gateway emulator",
        "wrong credentials | {old} | Administrator | wrong | refused the credentials",
        "no Redis there | redis://127.0.0.1:{free} | | | cannot read the source Redis"})
    void a_wrong_or_unreachable_source_ends_in_failure_and_writes_nothing(String kind, String source, String user,
                                                                          String password, String reason, TestGateway old,
                                                                          Echo echo, Vertx vertx) {
        try (TestGateway fresh = TestGateway.start(vertx)) {
            // the free port is chosen once the new node listens: chosen before, the node itself could bind it and
            // answer as the "unreachable" source
            String url = source.replace("{free}", String.valueOf(Poll.freePort())).replace("{echo}", echo.url())
                .replace("{old}", url(old));
            JsonObject status = Migrations.run(fresh, Migrations.reindex("core", url, user == null ? "" : user,
                password == null ? "" : password));
            assertEquals("failure", status.getString("status"));
            assertTrue(status.getString("failureReason").contains(reason), status.encode());
            assertEquals(0, count(fresh, AssetType.APIS));
            assertEquals(0, count(fresh, AssetType.APPLICATIONS));
        }
    }

    @Test
    void transform_fails_naming_what_does_not_hold_together(Vertx vertx) {
        try (TestGateway fresh = TestGateway.start(vertx)) {
            Await.result(NodeProbe.of(fresh.node()).store().put(AssetType.APIS, "orphan", new JsonObject().put("apiName", "Orphan")
                .put("apiVersion", "1.0").put("policies", new JsonArray().add("gone"))));
            JsonObject status = Migrations.run(fresh, Migrations.TRANSFORM);
            assertEquals("failure", status.getString("status"));
            assertTrue(status.getString("failureReason").contains("API orphan names the missing policy gone"), status.encode());
            assertEquals(1, status.getJsonObject("counts").getInteger("apis"));
        }
    }

    @Test
    void a_second_action_while_one_runs_is_a_409(TestGateway gw, Vertx vertx) {
        Promise<Void> release = Promise.promise();
        HttpServer slow = Await.result(vertx.createHttpServer().requestHandler(req -> release.future()
            .onComplete(v -> req.response().setStatusCode(404).end())).listen(0, "127.0.0.1"));
        try (TestGateway fresh = TestGateway.start(vertx)) {
            String body = Migrations.reindex("core", "http://127.0.0.1:" + slow.actualPort(), "", "");
            assertEquals(202, Migrations.start(fresh, body));
            assertEquals("in progress", Migrations.status(fresh, "reindex").getString("status"));
            fresh.admin().contentType("application/json").body(Migrations.CLEAN).post("/rest/apigateway/migration").then()
                .statusCode(409).body("errorDetails", containsString("reindex is in progress"));
            release.complete();
            assertEquals("failure", Migrations.settled(fresh, "reindex").getString("status"));
            assertEquals(202, Migrations.start(fresh, Migrations.CLEAN), "free again once it completed");
        } finally {
            Await.result(slow.close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"action\":\"migrate\"}", "{\"action\":\"reindex\",\"sourceElasticsearch\":{\"url\":\"http://h:1\"}}",
        "{\"action\":\"reindex\",\"indicesType\":\"everything\",\"sourceElasticsearch\":{\"url\":\"http://h:1\"}}",
        "{\"action\":\"reindex\",\"indicesType\":\"core\"}", "{\"action\":\"reindex\",\"indicesType\":\"core\",\"sourceElasticsearch\":{\"url\":\"ftp://h\"}}",
        "{\"action\":\"clean\",\"properties\":[1]}", "not json", "[\"clean\"]"})
    void bad_bodies_are_400s(String body, TestGateway gw) {
        gw.admin().contentType("application/json").body(body).post("/rest/apigateway/migration").then().statusCode(400)
            .body("errorDetails", containsString(" "));
    }

    @Test
    void the_status_of_an_action_that_never_ran_is_404_and_needs_an_action(TestGateway gw) {
        gw.admin().get("/rest/apigateway/migration/status?action=transform").then().statusCode(404);
        gw.admin().get("/rest/apigateway/migration/status").then().statusCode(400);
        gw.admin().get("/rest/apigateway/migration/status?action=everything").then().statusCode(400);
    }
}
