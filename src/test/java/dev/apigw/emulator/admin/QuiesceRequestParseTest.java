package dev.apigw.emulator.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.quiesce.QuiesceRequest;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuiesceRequestParseTest {

    @Test
    void empty_or_absent_flush_means_every_kind() {
        assertEquals(QuiesceRequest.KINDS, QuiesceResource.parse(new JsonObject("{\"enable\":true,\"block\":\"all\"}")).flush());
        assertEquals(QuiesceRequest.KINDS, QuiesceResource.parse(new JsonObject("{\"enable\":true,\"block\":\"all\",\"flush\":[]}")).flush());
        assertEquals(List.of("license_metrics"),
            QuiesceResource.parse(new JsonObject("{\"enable\":true,\"block\":\"all\",\"flush\":[\"license_metrics\"]}")).flush());
    }

    @Test
    void enable_sent_as_a_string_is_read_as_its_value() {
        assertTrue(QuiesceResource.parse(new JsonObject("{\"enable\":\"true\",\"block\":\"designtime\"}")).enable());
        assertFalse(QuiesceResource.parse(new JsonObject("{\"enable\":\"false\",\"block\":\"all\"}")).enable());
    }

    @Test
    void rejects_missing_or_unknown_values_with_400() {
        for (String body : new String[] {"{}", "{\"enable\":true}", "{\"block\":\"all\"}", "{\"enable\":1,\"block\":\"all\"}",
            "{\"enable\":true,\"block\":\"ALL\"}", "{\"enable\":true,\"block\":\"all\",\"flush\":[\"quota\"]}"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> QuiesceResource.parse(new JsonObject(body)), body);
            assertEquals(400, e.status());
        }
    }

    @Test
    void whitelist_is_exactly_quiescemode_search_and_search_apis() {
        String b = "/rest/apigateway";
        String f = "/rest/facade/apigateway";
        assertTrue(DesignTimeGuard.allowed(b + "/quiescemode"));
        assertTrue(DesignTimeGuard.allowed(b + "/search"));
        assertTrue(DesignTimeGuard.allowed(b + "/search/"));
        assertTrue(DesignTimeGuard.allowed(b + "/search/apis"));
        assertTrue(DesignTimeGuard.allowed(f + "/searchApis"));
        assertFalse(DesignTimeGuard.allowed(b + "/searchx"));
        assertFalse(DesignTimeGuard.allowed(b + "/apis"));
        assertFalse(DesignTimeGuard.allowed(f + "/searchApis/x"));
        assertFalse(DesignTimeGuard.allowed(b + "/quiescemode/x"));
        assertFalse(DesignTimeGuard.allowed(f + "/search"));
    }
}
