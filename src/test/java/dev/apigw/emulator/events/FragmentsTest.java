package dev.apigw.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The writer's pre-encoded fragments: keyed by the API object, never by its value or id, and bounded. */
class FragmentsTest {
    private final Fragments fragments = new Fragments(new NodeIdentity("node-1"));

    private static CompiledApi api(String id, String name, String endpoint) {
        return new CompiledApi(id, name, "1.0", null, null, RoutingTarget.parse(endpoint, null));
    }

    private static String text(byte[] fragment) {
        return new String(fragment, StandardCharsets.UTF_8);
    }

    @Test
    void an_api_recompiled_under_the_same_id_gets_its_new_fragment() {
        CompiledApi before = api("api-1", "orders", "http://old.example:8080/${sys:resource_path}");
        assertEquals(",\"apiId\":\"api-1\",\"apiName\":\"orders\",\"apiVersion\":\"1.0\"", text(fragments.api(before).fields()));
        CompiledApi after = api("api-1", "orders v2", "https://new.example/${sys:resource_path}");
        assertEquals(",\"apiId\":\"api-1\",\"apiName\":\"orders v2\",\"apiVersion\":\"1.0\"", text(fragments.api(after).fields()));
        assertEquals(",\"nativeURL\":\"https://new.example", text(fragments.api(after).nativeUrlOpen()));
        assertEquals(",\"nativeURL\":\"http://old.example:8080", text(fragments.api(before).nativeUrlOpen()),
            "the older object, still serving in-flight requests, keeps its own fragment");
    }

    @Test
    void an_equal_twin_of_an_api_is_encoded_for_itself() {
        CompiledApi one = api("api-2", "a", "http://h/${sys:resource_path}");
        CompiledApi twin = api("api-2", "a", "http://h/${sys:resource_path}");
        assertEquals(one, twin, "records compare by value");
        assertNotSame(fragments.api(one), fragments.api(twin));
        assertSame(fragments.api(one), fragments.api(one));
    }

    @Test
    void the_api_cache_starts_over_when_full_and_still_answers_right() {
        CompiledApi first = api("api-0", "first", "http://h/${sys:resource_path}");
        Fragments.Api encoded = fragments.api(first);
        for (int i = 1; i <= Fragments.MAX_APIS; i++) fragments.api(api("api-" + i, "n" + i, "http://h/${sys:resource_path}"));
        Fragments.Api again = fragments.api(first);
        assertNotSame(encoded, again, "encoded again after the map started over");
        assertEquals(text(encoded.fields()), text(again.fields()));
    }

    @Test
    void an_api_without_routing_has_no_native_url() {
        assertEquals(null, fragments.api(new CompiledApi("m", "mock", "1", null, null, null)).nativeUrlOpen());
    }

    @Test
    void one_client_address_text_per_connection_address() {
        SocketAddress conn = SocketAddress.inetSocketAddress(40000, "10.0.0.9");
        String ip = fragments.clientIp(conn);
        assertEquals("10.0.0.9", ip);
        assertSame(ip, fragments.clientIp(conn));
        assertEquals("10.0.0.10", fragments.clientIp(SocketAddress.inetSocketAddress(40001, "10.0.0.10")));
    }

    @Test
    void node_and_status_fragments() {
        assertEquals("{\"id\":\"node-1:", text(fragments.idOpen));
        assertEquals("\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\"node-1\"", text(fragments.nodeFields));
        assertEquals(",\"status\":\"FAILURE\",\"responseCode\":\"503\"", text(fragments.status(503)));
        assertEquals(",\"status\":\"FAILURE\",\"responseCode\":\"1200\"", text(fragments.status(1200)));
        assertEquals(",\"status\":\"FAILURE\",\"responseCode\":\"0\"", text(fragments.status(0)));
    }
}
