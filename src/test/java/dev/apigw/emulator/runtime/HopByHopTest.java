package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopByHopTest {

    @Test
    void drops_per_connection_headers_and_those_named_in_connection_whatever_their_case() {
        MultiMap from = MultiMap.caseInsensitiveMultiMap()
            .add("connection", "Keep-Alive, x-Private").add("KEEP-ALIVE", "timeout=5").add("TE", "trailers")
            .add("Transfer-Encoding", "chunked").add("Upgrade", "h2c").add("Proxy-Authorization", "Basic x")
            .add("Proxy-Connection", "keep-alive").add("Trailer", "X").add("Host", "client.example")
            .add("Expect", "100-continue").add("X-Private", "secret")
            .add("X-Multi", "1").add("X-Multi", "2").add("Authorization", "Bearer t");
        MultiMap to = MultiMap.caseInsensitiveMultiMap();
        HopByHop.copy(from, to);
        assertEquals(List.of("1", "2"), to.getAll("X-Multi"));
        assertEquals("Bearer t", to.get("Authorization"));
        assertEquals(2, to.names().size(), to.toString());
        assertNull(to.get("X-Private"));
    }

    @Test
    void recognises_close_inside_a_connection_token_list_only() {
        assertTrue(HopByHop.asksToCloseInList(MultiMap.caseInsensitiveMultiMap().add("Connection", "X-A, Close")));
        assertFalse(HopByHop.asksToCloseInList(MultiMap.caseInsensitiveMultiMap().add("Connection", "close")));
        assertFalse(HopByHop.asksToCloseInList(MultiMap.caseInsensitiveMultiMap().add("Connection", "keep-alive, X-A")));
        assertFalse(HopByHop.asksToCloseInList(MultiMap.caseInsensitiveMultiMap()));
    }

    @Test
    void a_backend_keeps_its_connection_unless_it_says_close_or_speaks_http_1_0_without_keep_alive() {
        assertTrue(HopByHop.keepsAlive(HttpVersion.HTTP_1_1, MultiMap.caseInsensitiveMultiMap()));
        assertFalse(HopByHop.keepsAlive(HttpVersion.HTTP_1_1, MultiMap.caseInsensitiveMultiMap().add("Connection", "Close")));
        assertFalse(HopByHop.keepsAlive(HttpVersion.HTTP_1_1, MultiMap.caseInsensitiveMultiMap().add("connection", "X-A, close")));
        assertFalse(HopByHop.keepsAlive(HttpVersion.HTTP_1_0, MultiMap.caseInsensitiveMultiMap()));
        assertTrue(HopByHop.keepsAlive(HttpVersion.HTTP_1_0, MultiMap.caseInsensitiveMultiMap().add("Connection", "Keep-Alive")));
    }
}
