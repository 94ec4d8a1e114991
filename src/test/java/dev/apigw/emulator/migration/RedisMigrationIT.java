package dev.apigw.emulator.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Migrations;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Webhooks;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reindex from the old cluster's Redis (a real redis-server): the class's gateway is an old node on that Redis, the
 * new node runs on its embedded store and reads the old cluster's asset hashes and metrics lists directly, whatever
 * state the old node is in.
 */
@GatewayIT(redis = true, set = "metrics.publishIntervalSeconds=1")
class RedisMigrationIT {

    @Test
    void reindex_all_from_the_old_clusters_redis_copies_assets_metrics_and_counters(TestGateway old, Echo echo,
                                                                                   RedisServer redis, Vertx vertx) {
        String apiId = TestApis.registerActive(old, "Vault", "1.0", echo.url(), "/get");
        TestAuth.enforce(old, apiId, TestAuth.identifyAction("OR", false, "strict", "apiKey"));
        JsonObject app = TestAuth.createApp(old, "VaultClient", new JsonArray());
        TestAuth.register(old, app.getString("id"), apiId);
        TestAuth.awaitStatus(() -> call(old, TestAuth.apiKey(app)), 200);
        Poll.until("the old node publishes and persists its counts", () -> {
            NodeProbe.of(old.node()).flushables().forEach(f -> Await.result(f.flush()));
            Integer records = old.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then()
                .extract().path("records");
            return records > 0 && Await.result(NodeProbe.of(old.node()).quotaCounters().get(app.getString("id"))) != null;
        });
        try (TestGateway fresh = TestGateway.start(vertx); Webhooks hooks = Webhooks.start(vertx)) {
            hooks.subscribe(fresh, "migration:reindex:all:completed");
            JsonObject status = Migrations.run(fresh, Migrations.reindex("all", redis.url(), "", ""));
            assertEquals("success", status.getString("status"), status.encode());
            assertEquals(200, call(fresh, TestAuth.apiKey(app)), "served with the old cluster's key");
            for (AssetType t : List.of(AssetType.APIS, AssetType.POLICIES, AssetType.POLICY_ACTIONS, AssetType.APPLICATIONS)) {
                assertEquals(Await.result(NodeProbe.of(old.node()).store().list(t)).size(),
                    Await.result(NodeProbe.of(fresh.node()).store().list(t)).size(), t.key());
            }
            Integer copied = fresh.admin().get("/rest/apigateway/metrics/published?kind=performance_metrics").then()
                .extract().path("records");
            assertTrue(copied > 0, "published metrics copied");
            JsonObject quota = Await.result(NodeProbe.of(fresh.node()).quotaCounters().get(app.getString("id")));
            assertTrue(quota != null && quota.getLong("successCount") > 0, "the old node's quota counters copied");
            assertEquals("success", hooks.await("migration:reindex:all:completed").getJsonObject("data").getString("status"));
            assertEquals("success", Migrations.run(fresh, Migrations.TRANSFORM).getString("status"));
        }
    }

    @Test
    void a_redis_without_gateway_assets_is_not_a_source(Vertx vertx) {
        try (RedisServer empty = RedisServer.startNew(); TestGateway fresh = TestGateway.start(vertx)) {
            JsonObject status = Migrations.run(fresh, Migrations.reindex("core", empty.url(), "", ""));
            assertEquals("failure", status.getString("status"));
            assertTrue(status.getString("failureReason").contains("holds no API Gateway assets"), status.encode());
        }
    }

    static int call(TestGateway gw, String key) {
        return gw.anonymous().header("x-Gateway-APIKey", key).get("/gateway/Vault/1.0/get").statusCode();
    }
}
