package dev.apigw.emulator.runtime;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/** Copies headers between hops without the ones that belong to a single connection (RFC 9110 §7.6.1). */
final class HopByHop {
    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
        "expect"); // Expect: 100-continue is answered by the gateway itself (see UpstreamForwarder)

    private HopByHop() {
    }

    static void copy(MultiMap from, MultiMap to) {
        String listed = from.get("Connection");
        for (var e : from) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (DROPPED.contains(name) || (listed != null && listsHeader(listed, name))) continue;
            to.add(e.getKey(), e.getValue());
        }
    }

    /**
     * True when the client asked to close with a token list such as {@code close, X-Foo}: Vert.x only recognises a
     * bare {@code close}, so the forwarder closes such connections itself.
     */
    static boolean asksToCloseInList(MultiMap headers) {
        String connection = headers.get("Connection");
        return connection != null && connection.indexOf(',') >= 0 && listsHeader(connection, "close");
    }

    /** Connection: may name further per-connection headers, which go too. */
    private static boolean listsHeader(String connection, String name) {
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) return true;
        }
        return false;
    }
}
