package dev.apigw.emulator.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AssetShapesTest {

    static void rejectedPolicy(String json) {
        GatewayException e = assertThrows(GatewayException.class, () -> AssetShapes.checkPolicy(new JsonObject(json)), json);
        assertEquals(400, e.status());
    }

    static void rejectedAction(String json) {
        GatewayException e = assertThrows(GatewayException.class, () -> AssetShapes.checkAction(new JsonObject(json)), json);
        assertEquals(400, e.status());
    }

    @Test
    void accepts_a_vendor_global_policy_with_unknown_fields() {
        assertDoesNotThrow(() -> AssetShapes.checkPolicy(new JsonObject("""
            {"names":[{"value":"Log","locale":"en"}],"policyScope":"global","global":true,"active":false,"systemPolicy":false,
             "policyEnforcements":[{"stageKey":"LMT","enforcements":[{"enforcementObjectId":"a1","order":null}]}],
             "descriptions":[],"scope":null,"vendorField":{"x":1}}""")));
    }

    @Test
    void rejects_policies_with_wrong_types_or_nothing_of_a_policy() {
        rejectedPolicy("{}");
        rejectedPolicy("{\"templateKey\":\"throttle\"}");
        rejectedPolicy("{\"names\":\"Log\"}");
        rejectedPolicy("{\"names\":[\"Log\"]}");
        rejectedPolicy("{\"names\":[],\"global\":\"yes\"}");
        rejectedPolicy("{\"names\":[],\"active\":1}");
        rejectedPolicy("{\"names\":[],\"policyScope\":\"API\"}");
        rejectedPolicy("{\"policyEnforcements\":{}}");
        rejectedPolicy("{\"policyEnforcements\":[{\"enforcements\":[]}]}");
        rejectedPolicy("{\"policyEnforcements\":[{\"stageKey\":\"IAM\",\"enforcements\":{}}]}");
        rejectedPolicy("{\"policyEnforcements\":[{\"stageKey\":\"IAM\",\"enforcements\":[{\"enforcementObjectId\":3}]}]}");
        rejectedPolicy("{\"policyEnforcements\":[{\"stageKey\":\"IAM\",\"enforcements\":[\"a1\"]}]}");
    }

    @Test
    void reads_booleans_sent_as_strings_and_keeps_templates_and_scope_policies() {
        JsonObject policy = new JsonObject("{\"names\":[],\"global\":\"false\",\"active\":\"TRUE\",\"policyScope\":\"TEMPLATE\"}");
        AssetShapes.checkPolicy(policy);
        assertEquals(false, policy.getValue("global"));
        assertEquals(true, policy.getValue("active"));
        assertDoesNotThrow(() -> AssetShapes.checkPolicy(new JsonObject("{\"names\":[],\"policyScope\":\"scope\"}")));
        JsonObject action = new JsonObject("{\"templateKey\":\"x\",\"active\":\"false\"}");
        AssetShapes.checkAction(action);
        assertEquals(false, action.getValue("active"));
        rejectedPolicy("{\"names\":[],\"descriptions\":\"d\"}");
    }

    @Test
    void accepts_nested_action_parameters_and_rejects_wrong_types() {
        assertDoesNotThrow(() -> AssetShapes.checkAction(new JsonObject("""
            {"templateKey":"throttle","parameters":[{"templateKey":"throttleRule","parameters":[
              {"templateKey":"throttleRuleName","values":["requestCount"]}]},{"templateKey":"consumerIds","values":["AnyConsumers"]}]}""")));
        rejectedAction("{}");
        rejectedAction("{\"templateKey\":\"\"}");
        rejectedAction("{\"templateKey\":7}");
        rejectedAction("{\"templateKey\":\"x\",\"parameters\":{}}");
        rejectedAction("{\"templateKey\":\"x\",\"parameters\":[{\"values\":[\"v\"]}]}");
        rejectedAction("{\"templateKey\":\"x\",\"parameters\":[{\"templateKey\":\"k\",\"values\":\"v\"}]}");
        rejectedAction("{\"templateKey\":\"x\",\"parameters\":[{\"templateKey\":\"k\",\"parameters\":[{\"templateKey\":5}]}]}");
        rejectedAction("{\"templateKey\":\"x\",\"active\":\"no\"}");
        rejectedAction("{\"templateKey\":\"x\",\"names\":{}}");
    }
}
