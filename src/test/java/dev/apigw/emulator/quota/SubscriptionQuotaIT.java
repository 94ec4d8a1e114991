package dev.apigw.emulator.quota;

import dev.apigw.emulator.NodeProbe;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Throttles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SubscriptionQuotaIT {
    EchoBackend echo;
    TestGateway gw;

    @BeforeEach
    void start(Vertx vertx) {
        echo = Await.result(new EchoBackend(vertx).start("127.0.0.1", 0));
        gw = TestGateway.start(vertx, TestGateway.defaults(), List.of(Throttles.headerIdentification()));
    }

    @AfterEach
    void stop() {
        gw.close();
        Await.result(echo.stop());
    }

    /** A plan whose quota policy enforces a throttle of 4 per 3 minutes, as the product's swagger describes. */
    private String plan() {
        var created = gw.admin().contentType("application/json").body("{\"name\":\"Gold\",\"version\":\"1.0\"}")
            .post("/rest/apigateway/plans").then().statusCode(201).body("planResponse.name", equalTo("Gold"))
            .extract().jsonPath();
        String quotaPolicy = created.getString("planResponse.quota.enforcementPolicy");
        String action = Throttles.createAction(gw, Throttles.action(4, 3, "minutes", List.of("AnyConsumers")));
        JsonObject policy = new JsonObject().put("id", quotaPolicy).put("policyEnforcements", new io.vertx.core.json.JsonArray());
        Policies.enforce(policy, "throttle", action);
        gw.admin().contentType("application/json").body(new JsonObject().put("policy", policy).encode())
            .put("/rest/apigateway/policies/" + quotaPolicy).then().statusCode(200);
        return created.getString("planResponse.id");
    }

    private String servedApi() {
        String id = TestApis.register(gw, "Metered", "1.0",
            TestApis.openApi("Metered", "http://127.0.0.1:" + echo.port(), "/get", "/status/{code}"));
        Throttles.attachIdentification(gw, id);
        gw.admin().put("/rest/apigateway/apis/" + id + "/activate").then().statusCode(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gw.anonymous().options("/gateway/Metered/1.0/get").statusCode() == 404) {
            if (System.nanoTime() > deadline) throw new AssertionError("API not deployed");
        }
        return "/gateway/Metered/1.0";
    }

    private void subscribe(String appId, String planId) {
        // applications as plain assets until the applications API exists; a subscription is an app with a planId
        Await.result(NodeProbe.of(gw.node()).store().put(AssetType.APPLICATIONS, appId,
            new JsonObject().put("id", appId).put("name", "Subscription " + appId).put("planId", planId)));
    }

    @Test
    void usage_counts_successes_and_failures_in_the_vendor_shape() {
        String planId = plan();
        subscribe("app1", planId);
        String base = servedApi();
        for (int i = 0; i < 3; i++) gw.anonymous().header("X-Test-App", "app1").get(base + "/get").then().statusCode(200);
        gw.anonymous().header("X-Test-App", "app1").get(base + "/status/500").then().statusCode(500);

        gw.admin().get("/rest/apigateway/subscriptions/app1/usage").then().statusCode(200)
            .body("successCount", equalTo(3)).body("failureCount", equalTo(1))
            .body("quotaAllowed", equalTo(4)).body("usedQuota", equalTo(4))
            .body("interval", equalTo("3")).body("intervalUnit", equalTo("minutes")).body("quota", equalTo("4 / 3 Minutes"))
            .body("planId", equalTo(planId)).body("planName", equalTo("Gold")).body("applicationId", equalTo("app1"))
            .body("remainingPeriodInMillis", greaterThan(0)).body("remainingPeriodInMillis", lessThanOrEqualTo(180_000))
            .body("remainingPeriod", equalTo("2 Minutes left"));
        var usage = gw.admin().get("/rest/apigateway/subscriptions/app1/usage").jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(180_000L, usage.getLong("endTime") - usage.getLong("startTime"));
        gw.admin().get("/rest/apigateway/subscriptions/usage").then().statusCode(200)
            .body("applicationId", hasItem("app1"));
        gw.admin().get("/rest/apigateway/subscriptions/nobody/usage").then().statusCode(404)
            .body("errorDetails", equalTo(" The application nobody is not found or no usage is available for it"));
    }

    @Test
    void counters_are_persisted_on_the_quota_survival_interval_and_survive_a_restart() {
        String planId = plan();
        subscribe("app2", planId);
        String base = servedApi();
        gw.admin().contentType("application/json")
            .body("{\"preferredSettings\":{\"extendedKeys\":{\"pgmen.quotaSurvival.interval\":\"1\"}}}")
            .put("/rest/apigateway/configurations/extended").then().statusCode(200)
            .body("preferredSettings.extendedKeys.'pgmen.quotaSurvival.interval'", equalTo("1"));
        gw.admin().get("/rest/apigateway/configurations/settings").then().statusCode(200)
            .body("allSettings.extendedKeys.'pgmen.quotaSurvival.interval'", equalTo("1"));
        for (int i = 0; i < 2; i++) gw.anonymous().header("X-Test-App", "app2").get(base + "/get").then().statusCode(200);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!persisted(2)) {
            if (System.nanoTime() > deadline) throw new AssertionError("quota counters not persisted within 10 s");
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // poll interval
        }
        gw.restart();
        gw.admin().get("/rest/apigateway/subscriptions/app2/usage").then().statusCode(200)
            .body("successCount", equalTo(2)).body("usedQuota", equalTo(2));
    }

    private boolean persisted(long success) {
        JsonObject cycle = Await.result(NodeProbe.of(gw.node()).quotaCounters().get("app2"));
        return cycle != null && cycle.getLong("successCount", 0L) == success;
    }

    @Test
    void flush_is_one_call_that_persists_every_counter() {
        String planId = plan();
        subscribe("app2", planId);
        String base = servedApi();
        gw.anonymous().header("X-Test-App", "app2").get(base + "/get").then().statusCode(200);
        var flushable = (SubscriptionQuotas) NodeProbe.of(gw.node()).flushables().stream()
            .filter(f -> f.kind().equals("subscription_quota")).findFirst().orElseThrow();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (flushable.pending("app2")[0] == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // counted when the response has ended
        }
        org.junit.jupiter.api.Assertions.assertEquals(1, Await.result(flushable.flush()));
        org.junit.jupiter.api.Assertions.assertTrue(persisted(1));
    }

    @Test
    void a_graceful_stop_flushes_counts_taken_since_the_last_interval() {
        subscribe("app4", plan());
        String base = servedApi();
        gw.anonymous().header("X-Test-App", "app4").get(base + "/get").then().statusCode(200);
        var quotas = (SubscriptionQuotas) NodeProbe.of(gw.node()).flushables().get(0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (quotas.pending("app4")[0] == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // counted when the response has ended
        }
        gw.restart();  // the default interval (60 s) has not passed: only the flush on stop can have saved it
        gw.admin().get("/rest/apigateway/subscriptions/app4/usage").then().statusCode(200).body("successCount", equalTo(1));
    }

    @Test
    void a_subscribed_application_is_blocked_once_its_quota_is_used() {
        subscribe("app3", plan());
        String base = servedApi();
        for (int i = 0; i < 4; i++) gw.anonymous().header("X-Test-App", "app3").get(base + "/get").then().statusCode(200);
        gw.anonymous().header("X-Test-App", "app3").get(base + "/get").then().statusCode(429)
            .header("Retry-After", org.hamcrest.Matchers.notNullValue())
            .body("Exception", org.hamcrest.Matchers.containsString("Quota of the subscription exceeded: 4 / 3 Minutes"));
        for (int i = 0; i < 5; i++) gw.anonymous().header("X-Test-App", "unsubscribed").get(base + "/get").then().statusCode(200);
    }

    @Test
    void plan_admin_needs_credentials_a_name_and_answers_404_for_unknown_ids() {
        gw.anonymous().get("/rest/apigateway/plans").then().statusCode(401);
        gw.anonymous().get("/rest/apigateway/subscriptions/usage").then().statusCode(401);
        gw.admin().contentType("application/json").body("{\"description\":\"no name\"}").post("/rest/apigateway/plans")
            .then().statusCode(400);
        gw.admin().get("/rest/apigateway/plans/nope").then().statusCode(404)
            .body("errorDetails", equalTo(" Unable to find the resource: nope"));
        String id = plan();
        gw.admin().get("/rest/apigateway/plans").then().statusCode(200).body("planResponse.id", hasItem(id));
        gw.admin().get("/rest/apigateway/plans/" + id).then().statusCode(200).body("planResponse.policies.size()", equalTo(1));
    }

    @Test
    void a_bad_quota_survival_interval_is_a_400() {
        gw.admin().contentType("application/json").body("{\"pgmen.quotaSurvival.interval\":\"soon\"}")
            .put("/rest/apigateway/configurations/settings").then().statusCode(400)
            .body("errorDetails", equalTo(" pgmen.quotaSurvival.interval must be a whole number of seconds >= 1, was 'soon'"));
    }
}
