package dev.apigw.emulator.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestAuth;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomised malformed and mutated bodies, headers and query strings for every admin write endpoint, from a fixed seed
 * (so a failure replays): not one 5xx. Then a restart must succeed, and every asset created before the fuzz must read
 * back unchanged and the API must still serve. {@code -Dapigw.fuzz.requests=N} runs a longer sweep (default 600).
 */
@GatewayIT(set = {"limits.bodyLimitBytes=262144"})
class AdminFuzzIT {
    static final String BASE = "/rest/apigateway";
    static final long SEED = 20261130L;

    @Test
    void mutated_requests_to_every_admin_endpoint_get_no_5xx_and_a_restart_serves_everything_created_before(
        TestGateway gw, Echo echo) {
        DeployedApi kept = gw.deploy("apis/echo-with-key.json", echo);
        JsonObject app = TestAuth.createApp(gw, "Kept app", new JsonArray().add(TestAuth.identifier("httpBasicAuth", "kept")));
        TestAuth.register(gw, app.getString("id"), kept.id());
        Map<String, String> before = snapshot(gw, kept, app.getString("id"));
        Fuzz fuzz = new Fuzz(new Random(SEED), FuzzTargets.create(gw));
        int requests = Integer.getInteger("apigw.fuzz.requests", 600);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Fuzz.Request r = fuzz.next();
            int status = RawClient.send(gw.port(), r.method(), r.target(), r.headers(), r.body());
            if (status >= 500 || status < 0) failures.add(i + ": " + r + " -> " + status);
        }
        FaultFigures.record("admin fuzz", "requests " + requests + ", 5xx or no answer " + failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
        gw.restart();
        assertEquals(before, snapshot(gw, kept, app.getString("id")));
        gw.anonymous().header("x-Gateway-APIKey", TestAuth.apiKey(app)).get(kept.path() + "/get").then().statusCode(200);
        FaultFigures.record("restart after the fuzz", "restarts failed 0, assets read back unchanged " + before.size());
    }

    /** What the assets created before the fuzz read as (the node's port aside: a restart takes a new one). */
    private static Map<String, String> snapshot(TestGateway gw, DeployedApi api, String appId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : List.of("/apis/" + api.id(), "/policies/" + api.policyId(), "/applications/" + appId)) {
            String body = gw.admin().get(BASE + path).then().statusCode(200).extract().asString();
            // the restarted node listens on another free port, which its gateway endpoints show
            out.put(path, body.replaceAll("http://localhost:\\d+/gateway", "http://localhost:PORT/gateway"));
        }
        for (String action : api.actionIds()) {
            out.put(action, gw.admin().get(BASE + "/policyActions/" + action).then().statusCode(200).extract().asString());
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
