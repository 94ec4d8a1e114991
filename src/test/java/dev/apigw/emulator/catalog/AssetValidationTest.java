package dev.apigw.emulator.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.config.RateLimitConfig;
import dev.apigw.emulator.policy.EntryProtocolPolicy;
import dev.apigw.emulator.policy.IdentifyAuthorizePolicyFactory;
import dev.apigw.emulator.policy.ThrottlePolicyFactory;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validate on write: the shapes and meanings the fault sweep stored, each refused with a 400 naming the field. */
class AssetValidationTest {
    static final Vertx VERTX = Vertx.vertx();
    static final AssetValidation VALIDATION = new AssetValidation(List.of(new EntryProtocolPolicy.Factory(),
        new IdentifyAuthorizePolicyFactory(null), new ThrottlePolicyFactory(new RateLimitService(VERTX, null,
            new RateLimitConfig(RateLimitConfig.OnStoreError.FAIL_OPEN, 1, 50, 429, 250, 100), new RateLimitMetrics()))), 100);

    @AfterAll
    static void close() {
        VERTX.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of("application identifier value as text", AssetType.APPLICATIONS,
                "{\"name\":\"P\",\"identifiers\":[{\"key\":\"httpBasicAuth\",\"name\":\"u\",\"value\":\"u1\"}]}", "value"),
            Arguments.of("application identifiers as text", AssetType.APPLICATIONS, "{\"name\":\"P\",\"identifiers\":\"x\"}", "identifiers"),
            Arguments.of("application identifier without key", AssetType.APPLICATIONS, "{\"name\":\"P\",\"identifiers\":[{\"value\":[]}]}", "key"),
            Arguments.of("application consumingAPIs as text", AssetType.APPLICATIONS, "{\"name\":\"P\",\"consumingAPIs\":\"a\"}", "consumingAPIs"),
            Arguments.of("application isSuspended as an object", AssetType.APPLICATIONS, "{\"name\":\"P\",\"isSuspended\":{}}", "isSuspended"),
            Arguments.of("application without a name", AssetType.APPLICATIONS, "{\"description\":\"d\"}", "name"),
            Arguments.of("plan with an unknown intervalUnit", AssetType.PLANS,
                "{\"name\":\"G\",\"quota\":{\"value\":4,\"interval\":1,\"intervalUnit\":\"fortnights\"}}", "intervalUnit"),
            Arguments.of("plan with a non-numeric quota", AssetType.PLANS, "{\"name\":\"G\",\"quota\":{\"value\":\"lots\"}}", "value"),
            Arguments.of("plan with a fractional quota", AssetType.PLANS, "{\"name\":\"G\",\"quota\":{\"value\":1.5}}", "value"),
            Arguments.of("plan deprecated as text", AssetType.PLANS, "{\"name\":\"G\",\"deprecated\":\"x\"}", "deprecated"),
            Arguments.of("plan quota as text", AssetType.PLANS, "{\"name\":\"G\",\"quota\":\"100/day\"}", "quota"),
            Arguments.of("throttle value 10.5", AssetType.POLICY_ACTIONS, throttle("10.5", "1", "minutes"), "value"),
            Arguments.of("throttle interval 0", AssetType.POLICY_ACTIONS, throttle("10", "0", "minutes"), "alertInterval"),
            Arguments.of("throttle unit fortnights", AssetType.POLICY_ACTIONS, throttle("10", "1", "fortnights"), "alertIntervalUnit"),
            Arguments.of("evaluatePolicy logicalConnector XOR", AssetType.POLICY_ACTIONS,
                "{\"templateKey\":\"evaluatePolicy\",\"parameters\":[{\"templateKey\":\"logicalConnector\",\"values\":[\"XOR\"]}]}", "logicalConnector"),
            Arguments.of("evaluatePolicy allowAnonymous maybe", AssetType.POLICY_ACTIONS,
                "{\"templateKey\":\"evaluatePolicy\",\"parameters\":[{\"templateKey\":\"allowAnonymous\",\"values\":[\"maybe\"]}]}", "allowAnonymous"),
            Arguments.of("entryProtocolPolicy ftp", AssetType.POLICY_ACTIONS,
                "{\"templateKey\":\"entryProtocolPolicy\",\"parameters\":[{\"templateKey\":\"protocol\",\"values\":[\"ftp\"]}]}", "protocol"),
            Arguments.of("straightThroughRouting to ftp", AssetType.POLICY_ACTIONS,
                "{\"templateKey\":\"straightThroughRouting\",\"parameters\":[{\"templateKey\":\"endpointUri\",\"values\":[\"ftp://x\"]}]}", "endpointUri"),
            Arguments.of("webhook without events", AssetType.WEBHOOKS, "{\"config\":{\"url\":\"http://x\"}}", "events"),
            Arguments.of("webhook password as a number", AssetType.WEBHOOKS,
                "{\"events\":[\"apigateway:server:started\"],\"config\":{\"url\":\"http://x\",\"password\":5}}", "password"),
            Arguments.of("api definition as text", AssetType.APIS, "{\"apiName\":\"A\",\"apiVersion\":\"1\",\"apiDefinition\":\"x\"}", "apiDefinition"),
            Arguments.of("extended settings as an array", AssetType.SETTINGS, "{\"id\":\"extendedSettings\",\"extendedKeys\":[1]}", "extendedKeys"),
            Arguments.of("policy enforcements as text", AssetType.POLICIES, "{\"policyEnforcements\":\"LMT\"}", "policyEnforcements"));
    }

    static String throttle(String value, String interval, String unit) {
        return "{\"templateKey\":\"throttle\",\"parameters\":[{\"templateKey\":\"throttleRule\",\"parameters\":["
            + "{\"templateKey\":\"throttleRuleName\",\"values\":[\"requestCount\"]},{\"templateKey\":\"monitorRuleOperator\","
            + "\"values\":[\"GT\"]},{\"templateKey\":\"value\",\"values\":[\"" + value + "\"]}]},{\"templateKey\":\"alertInterval\","
            + "\"values\":[\"" + interval + "\"]},{\"templateKey\":\"alertIntervalUnit\",\"values\":[\"" + unit + "\"]}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses_with_a_400_naming_the_field(String name, AssetType type, String json, String field) {
        GatewayException e = assertThrows(GatewayException.class, () -> VALIDATION.check(type, new JsonObject(json)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void accepts_vendor_shapes_with_numbers_as_text_and_unknown_fields() {
        assertDoesNotThrow(() -> VALIDATION.check(AssetType.POLICY_ACTIONS, new JsonObject(throttle("10.0", "2", "minutes"))));
        assertDoesNotThrow(() -> VALIDATION.check(AssetType.PLANS, new JsonObject(
            "{\"name\":\"G\",\"quota\":{\"value\":\"4\",\"interval\":\"3\",\"intervalUnit\":\"minutes\"},\"vendor\":1}")));
        assertDoesNotThrow(() -> VALIDATION.check(AssetType.APPLICATIONS, new JsonObject(
            "{\"name\":\"P\",\"isSuspended\":\"false\",\"identifiers\":[{\"key\":\"openIdClaims\",\"value\":[\"x\"]}]}")));
        assertDoesNotThrow(() -> VALIDATION.check(AssetType.POLICY_ACTIONS, new JsonObject(
            "{\"templateKey\":\"customExtension\",\"parameters\":[{\"templateKey\":\"anything\",\"values\":[\"1\"]}]}")));
    }

    @Test
    void refuses_documents_nested_deeper_than_the_limit() {
        JsonObject deep = new JsonObject().put("name", "P");
        JsonObject at = deep;
        for (int i = 0; i < 150; i++) {
            JsonObject next = new JsonObject();
            at.put("x", next);
            at = next;
        }
        GatewayException e = assertThrows(GatewayException.class, () -> VALIDATION.check(AssetType.APPLICATIONS, deep));
        assertTrue(e.getMessage().contains("deeper than 100"), e.getMessage());
    }
}
