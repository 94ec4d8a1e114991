package dev.apigw.emulator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.config.RateLimitConfig;
import dev.apigw.emulator.config.RateLimitConfig.OnStoreError;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.ratelimit.Algorithm;
import dev.apigw.emulator.support.Throttles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThrottleRuleTest {
    static final RateLimitConfig DEFAULTS = new RateLimitConfig(OnStoreError.FAIL_OPEN, 1, 50, 429, 250, 100);

    @Test
    void reads_the_vendor_example() {
        ThrottleRule r = ThrottleRule.parse(Throttles.action(10, 2, "minutes", List.of("AnyConsumers")).put("id", "a1"), DEFAULTS);
        assertEquals(10, r.limit());
        assertEquals(120_000, r.windowMillis());
        assertTrue(r.anyConsumer());
        assertTrue(r.gatewayEvents());
        assertFalse(r.localLog());
        assertEquals(Algorithm.FIXED_WINDOW, r.algorithm());
        assertEquals(OnStoreError.FAIL_OPEN, r.onStoreError());
        assertEquals(429, r.rejectStatus());
    }

    @Test
    void reads_application_ids_units_and_emulator_overrides() {
        JsonObject action = Throttles.action(5, 1, "weeks", List.of("app1", "app2"),
            PolicyActions.param("algorithm", "tokenBucket"), PolicyActions.param("onStoreError", "local"),
            PolicyActions.param("rejectStatus", "503"),
            new JsonObject().put("templateKey", "destination").put("parameters", new JsonArray()
                .add(PolicyActions.param("destinationType", "localLog")).add(PolicyActions.param("logLevel", "WARN"))));
        ThrottleRule r = ThrottleRule.parse(action, DEFAULTS);
        assertFalse(r.anyConsumer());
        assertEquals(Set.of("app1", "app2"), r.consumerIds());
        assertEquals(7L * 24 * 3600 * 1000, r.windowMillis());
        assertEquals(Algorithm.TOKEN_BUCKET, r.algorithm());
        assertEquals(OnStoreError.LOCAL, r.onStoreError());
        assertEquals(503, r.rejectStatus());
        assertTrue(r.localLog());
        assertEquals("WARN", r.logLevel());
    }

    @Test
    void rejects_what_it_cannot_enforce() {
        assertThrows(IllegalArgumentException.class, () -> ThrottleRule.parse(Throttles.action(5, 1, "fortnights", List.of()), DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> ThrottleRule.parse(Throttles.action(5, 1, "hours", List.of(),
            PolicyActions.param("rejectStatus", "418")), DEFAULTS));
        JsonObject lt = Throttles.action(5, 1, "hours", List.of());
        lt.getJsonArray("parameters").getJsonObject(0).getJsonArray("parameters").getJsonObject(1)
            .put("values", new JsonArray().add("LT"));
        assertThrows(IllegalArgumentException.class, () -> ThrottleRule.parse(lt, DEFAULTS));
    }
}
