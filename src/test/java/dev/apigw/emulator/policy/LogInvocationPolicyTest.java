package dev.apigw.emulator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.BodyCapture;
import dev.apigw.emulator.runtime.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The logInvocation action's parameters as exported by real gateways, and the bounded tee. */
class LogInvocationPolicyTest {

    private static JsonObject action(String frequency) {
        return new JsonObject().put("templateKey", "logInvocation").put("parameters", new JsonArray()
            .add(PolicyActions.param("storeRequestPayload", "true")).add(PolicyActions.param("storeResponsePayload", "false"))
            .add(PolicyActions.param("storeRequestHeaders", "TRUE")).add(PolicyActions.param("logGenerationFrequency", frequency))
            .add(new JsonObject().put("templateKey", "destination").put("parameters", new JsonArray()
                .add(PolicyActions.param("destinationType", "GATEWAY")))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Always, ALWAYS", "On Failure, ON_FAILURE", "On Success, ON_SUCCESS", "onFailure, ON_FAILURE", "whenever, ALWAYS"})
    void the_frequency_as_exports_spell_it(String frequency, BodyCapture.When expected) {
        Exchange ex = new Exchange(null, null, "/");
        new LogInvocationPolicy.Factory(16).create(action(frequency), null).apply(ex);
        BodyCapture.Settings s = ex.capture().settings();
        assertEquals(expected, s.when());
        assertTrue(s.requestBody() && s.requestHeaders());
        assertFalse(s.responseBody() || s.responseHeaders());
    }

    @Test
    void the_tee_keeps_a_bounded_prefix_and_applies_by_outcome() {
        BodyCapture c = new BodyCapture(new BodyCapture.Settings(true, true, false, false, 10, BodyCapture.When.ON_FAILURE));
        c.request(Buffer.buffer("0123456"));
        c.request(Buffer.buffer("789abcdef"));
        assertEquals("0123456789", c.requestBody().toString());
        assertTrue(c.appliesTo(503));
        assertTrue(c.appliesTo(499));
        assertFalse(c.appliesTo(200));
    }
}
