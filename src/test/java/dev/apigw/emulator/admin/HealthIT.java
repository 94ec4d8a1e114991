package dev.apigw.emulator.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.apigw.emulator.support.Assets;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RedisServer;
import dev.apigw.emulator.support.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code /rest/apigateway/health} and its detailed checks, embedded and on a Redis that goes away. */
@GatewayIT
class HealthIT {
    static final String HEALTH = "/rest/apigateway/health";

    @Test
    void readiness_answers_green_without_credentials(TestGateway gw) {
        gw.anonymous().get(HEALTH).then().statusCode(200).body("", equalTo(Map.of("status", "green")));
        gw.anonymous().auth().preemptive().basic("Administrator", "wrong").get(HEALTH).then().statusCode(200);
    }

    @Test
    void detailed_checks_report_green_in_the_vendor_shapes(TestGateway gw) {
        gw.anonymous().get(HEALTH + "/admin").then().statusCode(200).body("status", equalTo("green"))
            .body("ui", notNullValue());
        gw.anonymous().get(HEALTH + "/engine").then().statusCode(200).body("status", equalTo("green"))
            .body("elasticsearch.status", equalTo("green")).body("is.status", equalTo("green"))
            .body("dataStore.type", equalTo("embedded")).body("terracotta.status", equalTo("not configured"));
        gw.anonymous().get(HEALTH + "/externalServices").then().statusCode(200).body("status", equalTo("green"))
            .body("destinations", notNullValue()).body("external_accounts", notNullValue());
        gw.anonymous().get(HEALTH + "/all").then().statusCode(200).body("status", equalTo("green"))
            .body("admin.status", equalTo("green")).body("engine.status", equalTo("green"))
            .body("external.status", equalTo("green"));
        gw.admin().get(HEALTH + "/engine").then().statusCode(200);
    }

    /** Nodes on the class's own Redis, a fresh one per test: one test takes Redis away. */
    @Nested
    @GatewayIT(redis = true, perTest = true)
    class OnRedis {

        @Test
        void engine_reports_redis_when_it_is_the_store(TestGateway gw) {
            gw.anonymous().get(HEALTH).then().statusCode(200).body("status", equalTo("green"));
            gw.anonymous().get(HEALTH + "/engine").then().statusCode(200).body("status", equalTo("green"))
                .body("dataStore.type", equalTo("redis")).body("terracotta.type", equalTo("redis"))
                .body("terracotta.status", equalTo("green"));
        }

        @Test
        void a_redis_store_that_goes_away_turns_its_components_red_and_the_engine_yellow(TestGateway gw, RedisServer redis) {
            gw.anonymous().get(HEALTH + "/engine").then().statusCode(200).body("status", equalTo("green"))
                .body("capabilities.designTimeWrites.status", equalTo("green"));
            redis.stop();
            // the node keeps serving traffic, so readiness stays up; what is lost shows per component
            gw.anonymous().get(HEALTH + "/engine").then().statusCode(200).body("status", equalTo("yellow"))
                .body("dataStore.status", equalTo("red")).body("elasticsearch.status", equalTo("red"))
                .body("terracotta.status", equalTo("red"))
                .body("capabilities.runtimeTraffic.status", equalTo("green"))
                .body("capabilities.designTimeWrites.status", equalTo("red"))
                .body("capabilities.tokenValidation.status", equalTo("yellow"));
            gw.anonymous().get(HEALTH).then().statusCode(200).body("status", equalTo("yellow"));
            gw.anonymous().get(HEALTH + "/all").then().statusCode(200).body("status", equalTo("yellow"));
            Assets.json(gw, "policyActions/log-invocation.json").post("/rest/apigateway/policyActions").then().statusCode(503)
                .body("errorDetails", startsWith(" "));
            redis.start();
            Poll.until("the engine is green again once Redis is back", 10_000,
                () -> "green".equals(gw.anonymous().get(HEALTH).jsonPath().getString("status")));
        }
    }
}
