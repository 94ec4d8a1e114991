package dev.apigw.emulator.quiesce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuiesceRequestTest {

    @Test
    void empty_or_absent_flush_means_every_kind() {
        assertEquals(QuiesceRequest.KINDS, QuiesceRequest.parse(new JsonObject("{\"enable\":true,\"block\":\"all\"}")).flush());
        assertEquals(QuiesceRequest.KINDS, QuiesceRequest.parse(new JsonObject("{\"enable\":true,\"block\":\"all\",\"flush\":[]}")).flush());
        assertEquals(List.of("license_metrics"),
            QuiesceRequest.parse(new JsonObject("{\"enable\":true,\"block\":\"all\",\"flush\":[\"license_metrics\"]}")).flush());
    }

    @Test
    void rejects_missing_or_unknown_values_with_400() {
        for (String body : new String[] {"{}", "{\"enable\":true}", "{\"block\":\"all\"}", "{\"enable\":1,\"block\":\"all\"}",
            "{\"enable\":true,\"block\":\"ALL\"}", "{\"enable\":true,\"block\":\"all\",\"flush\":[\"quota\"]}"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> QuiesceRequest.parse(new JsonObject(body)), body);
            assertEquals(400, e.status());
        }
    }

    @Test
    void whitelist_is_exactly_quiescemode_search_and_search_apis() {
        String b = "/rest/apigateway";
        String f = "/rest/facade/apigateway";
        assertTrue(QuiesceResource.allowed(b + "/quiescemode", b, f));
        assertTrue(QuiesceResource.allowed(b + "/search", b, f));
        assertTrue(QuiesceResource.allowed(b + "/search/", b, f));
        assertTrue(QuiesceResource.allowed(b + "/search/apis", b, f));
        assertTrue(QuiesceResource.allowed(f + "/searchApis", b, f));
        assertFalse(QuiesceResource.allowed(b + "/searchx", b, f));
        assertFalse(QuiesceResource.allowed(b + "/apis", b, f));
        assertFalse(QuiesceResource.allowed(f + "/searchApis/x", b, f));
        assertFalse(QuiesceResource.allowed(b + "/quiescemode/x", b, f));
        assertFalse(QuiesceResource.allowed(f + "/search", b, f));
    }
}
