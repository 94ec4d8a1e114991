package dev.apigw.emulator.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Migrations;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.Replay;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Webhooks;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The zero-downtime upgrade, replayed against two real nodes: the requests of the vendor's ZeroDowntimeUpgrade
 * Postman collection in the order of the upgrade guide ({@code fixtures/replay/zero-downtime-upgrade.json}, written
 * for this project). None may answer 404, 405 or 5xx (except where the guide expects one), and the new node must
 * end up serving the old node's API with the old key.
 */
@GatewayIT
class ZeroDowntimeUpgradeIT {

    @Test
    void the_upgrade_requests_answer_without_404_405_or_5xx_and_the_new_node_takes_over(Vertx vertx, Echo echo) {
        try (TestGateway old = TestGateway.start(vertx); TestGateway fresh = TestGateway.start(vertx); Webhooks hooks = Webhooks.start(vertx)) {
            String apiId = TestApis.registerActive(old, "Billing", "1.0", echo.url(), "/get");
            TestAuth.enforce(old, apiId, TestAuth.identifyAction("OR", false, "strict", "apiKey"));
            JsonObject app = TestAuth.createApp(old, "BillingClient", new JsonArray());
            TestAuth.register(old, app.getString("id"), apiId);
            TestAuth.awaitStatus(() -> call(old, TestAuth.apiKey(app)), 200);

            Replay replay = new Replay(Map.of("old", "http://127.0.0.1:" + old.port(), "new", "http://127.0.0.1:" + fresh.port(),
                "quiescePort", String.valueOf(Poll.freePort()), "hook", hooks.url()));
            List<Replay.Step> steps = Replay.fixture("replay/zero-downtime-upgrade.json");
            List<Replay.Result> results = replay.run(steps.subList(0, steps.size() - 1), s -> url -> url);
            String table = results.stream().map(r -> r.status() + " " + r.step().method() + " " + r.url() + "  " + r.step().name())
                .collect(Collectors.joining("\n"));
            assertTrue(results.stream().allMatch(r -> r.step().answeredWell(r.status())), table);
            for (String action : List.of("clean", "reindex", "transform")) {
                assertEquals("success", Migrations.status(fresh, action).getString("status"), action);
            }
            for (String event : List.of("migration:clean:datastore:completed", "migration:reindex:core:completed",
                "migration:transform:assets:competed", "migration:reindex:logsevents:completed")) {
                assertEquals("success", hooks.await(event).getJsonObject("data").getString("status"), event);
            }
            assertEquals(200, call(fresh, TestAuth.apiKey(app)), "the new node serves the old node's API with its key");
            Replay.Result shutdown = replay.run(steps.subList(steps.size() - 1, steps.size()), s -> url -> url).get(0);
            assertEquals(200, shutdown.status(), shutdown.body());
        }
    }

    static int call(TestGateway gw, String key) {
        return gw.anonymous().header("x-Gateway-APIKey", key).get("/gateway/Billing/1.0/get").statusCode();
    }
}
