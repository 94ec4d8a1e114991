package dev.apigw.emulator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apigw.emulator.support.TestAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyAuthorizePolicyFactoryTest {

    @Test
    void reads_every_identification_rule_of_an_exported_action() {
        JsonObject action = TestAuth.identifyAction("AND", false, "open", "apiKey", "oAuth2Token");
        assertEquals(List.of(new IdentifyAuthorizePolicy.Rule("apiKey", false), new IdentifyAuthorizePolicy.Rule("oAuth2Token", false)),
            IdentifyAuthorizePolicyFactory.rules(action.getJsonArray("parameters")));
    }

    @Test
    void lookup_defaults_to_strict() {
        JsonArray params = new JsonArray().add(new JsonObject().put("templateKey", "IdentificationRule").put("parameters",
            new JsonArray().add(new JsonObject().put("templateKey", "identificationType").put("values", new JsonArray().add("apiKey")))));
        assertEquals(List.of(new IdentifyAuthorizePolicy.Rule("apiKey", true)), IdentifyAuthorizePolicyFactory.rules(params));
    }

    @Test
    void rejects_an_unknown_connector_and_malformed_rules_as_illegal_arguments() {
        IdentifyAuthorizePolicyFactory factory = new IdentifyAuthorizePolicyFactory(null);
        assertThrows(IllegalArgumentException.class, () -> factory.create(TestAuth.identifyAction("XOR", false, "strict", "apiKey"), null));
        JsonObject broken = new JsonObject().put("parameters", new JsonArray()
            .add(new JsonObject().put("templateKey", "IdentificationRule").put("parameters", "kaputt")));
        assertThrows(IllegalArgumentException.class, () -> factory.create(broken, null));
    }
}
