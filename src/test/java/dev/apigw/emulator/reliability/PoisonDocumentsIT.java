package dev.apigw.emulator.reliability;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Documents that fail to compile reach the store without the admin API's validation (an older version, another node
 * through Redis, a hand-edited file): each is written straight into the store. The node must keep every other
 * document in force (a new application identifies at once, other APIs serve), answer its listings, report the
 * document in health (yellow, with its id), and restart.
 */
@GatewayIT(perTest = true)
class PoisonDocumentsIT {
    static final String BASE = "/rest/apigateway";

    static final List<String> POISON = List.of("app-identifier-value-text", "app-wrong-shapes", "plan-unknown-unit",
        "plan-quota-not-an-object", "global-policy-bad-throttle", "global-policy-wrong-shape",
        "api-definition-not-an-object", "api-name-not-text", "action-evaluate-xor", "webhook-wrong-shape",
        "settings-extended-not-an-object");

    @Test
    void poison_documents_never_fail_a_rebuild_another_document_or_a_restart(TestGateway gw, Echo echo) {
        DeployedApi api = gw.deploy("apis/echo-with-key.json", echo);
        List<JsonObject> poison = POISON.stream().map(name -> Fixtures.json("poison/" + name + ".json", Map.of())).toList();
        poison.forEach(p -> write(gw, p));
        assertNodeServes(gw, api, "before restart");
        gw.restart();
        assertNodeServes(gw, api, "after restart");
        for (JsonObject p : poison) {
            if (!reportedByAView(p)) continue;
            String id = p.getJsonObject("document").getString("id");
            Poll.until(id + " reported in health", () -> gw.anonymous().get(BASE + "/health/engine").asString().contains(id));
        }
        gw.anonymous().get(BASE + "/health/engine").then().statusCode(200).body("status", equalTo("yellow"))
            .body("assets.status", equalTo("yellow"));
    }

    @Test
    void a_hand_edited_file_nested_too_deep_to_serve_is_skipped_at_start(TestGateway gw) throws Exception {
        java.nio.file.Path dir = gw.config().dataDir().resolve("assets").resolve("applications");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("deep.json"),
            "{\"id\":\"deep\",\"name\":\"D\",\"x\":" + "[".repeat(998) + "]".repeat(998) + "}");
        gw.restart();
        gw.admin().get(BASE + "/applications").then().statusCode(200);
        gw.admin().get(BASE + "/applications/deep").then().statusCode(404);
    }

    @Test
    void an_api_whose_own_action_cannot_compile_leaves_routing_and_says_why(TestGateway gw, Echo echo) {
        DeployedApi bad = gw.deploy("apis/echo-with-key.json", echo);
        DeployedApi good = gw.deploy("apis/echo.json", echo);
        JsonObject action = Await.result(NodeProbe.of(gw.node()).store().get(AssetType.POLICY_ACTIONS, bad.actionIds().get(0)));
        action.getJsonArray("parameters").getJsonObject(0).put("values", new JsonArray().add("XOR"));
        Await.result(NodeProbe.of(gw.node()).store().put(AssetType.POLICY_ACTIONS, action.getString("id"), action));
        Poll.until("the API leaves routing", () -> gw.anonymous().get(bad.path() + "/get").statusCode() == 404);
        gw.anonymous().get(good.path() + "/get").then().statusCode(200);
        gw.admin().get(BASE + "/apis/" + bad.id()).then().statusCode(200)
            .body("apiResponse.api.isActive", equalTo(true))
            .body("apiResponse.api.runtimeError", containsString("logicalConnector"));
        gw.anonymous().get(BASE + "/health/engine").then().statusCode(200).body("status", equalTo("yellow"))
            .body("assets.skipped[0].id", equalTo(bad.id()));
    }

    /**
     * Whether a view reports the document in health. Not so: webhooks and settings (read where they are used, skipped
     * with a log line), an action no policy enforces, and an API whose odd fields still compile.
     */
    private static boolean reportedByAView(JsonObject poison) {
        return poison.getBoolean("reported", true);
    }

    private static void write(TestGateway gw, JsonObject poison) {
        var store = NodeProbe.of(gw.node()).store();
        JsonArray all = new JsonArray().add(poison).addAll(poison.getJsonArray("extra", new JsonArray()));
        for (int i = all.size() - 1; i >= 0; i--) { // the extras (actions) before the document that refers to them
            JsonObject p = all.getJsonObject(i);
            JsonObject doc = p.getJsonObject("document");
            Await.result(store.put(AssetType.fromKey(p.getString("type")), doc.getString("id"), doc));
        }
    }

    /** Listings answer, a new application identifies at once, and the healthy API serves. */
    private static void assertNodeServes(TestGateway gw, DeployedApi api, String when) {
        for (String path : List.of("/apis", "/applications", "/plans", "/policies", "/policyActions", "/webhooks",
            "/configurations/settings", "/subscriptions/usage", "/health/engine", "/health/all")) {
            int status = gw.admin().get(BASE + path).statusCode();
            assertTrue(status < 500, when + ": GET " + path + " answered " + status);
        }
        JsonObject search = new JsonObject().put("types", new JsonArray().add("API").add("APPLICATION").add("POLICY")
            .add("POLICY_ACTION")).put("condition", "or").put("scope", new JsonArray()
            .add(new JsonObject().put("attributeName", "names.value").put("keyword", ".*"))
            .add(new JsonObject().put("attributeName", "identifiers.value").put("keyword", "u.*")));
        gw.admin().contentType("application/json").body(search.encode()).post(BASE + "/search").then().statusCode(200);
        JsonObject app = TestAuth.createApp(gw, "Fresh " + System.nanoTime(), new JsonArray());
        TestAuth.register(gw, app.getString("id"), api.id());
        int status = gw.anonymous().header("x-Gateway-APIKey", TestAuth.apiKey(app)).get(api.path() + "/get").statusCode();
        assertEquals(200, status, when + ": a new application with a valid key");
    }
}
