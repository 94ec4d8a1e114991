package dev.apigw.emulator.runtime;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpVersion;
import java.util.Iterator;
import java.util.Map;

/**
 * Copies headers between hops without the ones that belong to a single connection (RFC 9110 §7.6.1) and without
 * Host. Runs twice per proxied request, so the check compares names in place instead of lower-casing them, and
 * headers Vert.x keeps as Netty headers (a server request's) are copied as the character sequences they are, without
 * a String or an entry object per header.
 */
final class HopByHop {
    private static final String[] DROPPED = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
        "expect"}; // Expect: 100-continue is answered by the gateway itself (see UpstreamForwarder)

    private HopByHop() {
    }

    static void copy(MultiMap from, MultiMap to) {
        String listed = from.get("Connection");
        if (from instanceof HttpHeaders netty) {
            copySequences(netty, listed, to);
            return;
        }
        for (var e : from) {
            String name = e.getKey();
            if (isDropped(name) || (listed != null && listsHeader(listed, name))) continue;
            to.add(name, e.getValue());
        }
    }

    private static void copySequences(HttpHeaders from, String listed, MultiMap to) {
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = from.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (isDropped(name) || (listed != null && listsHeader(listed, name.toString()))) continue;
            to.add(name, e.getValue());
        }
    }

    static boolean isDropped(CharSequence name) {
        for (String d : DROPPED) {
            if (d.length() == name.length() && AsciiString.contentEqualsIgnoreCase(d, name)) return true;
        }
        return false;
    }

    /**
     * True when the client asked to close with a token list such as {@code close, X-Foo}: Vert.x only recognises a
     * bare {@code close}, so the forwarder closes such connections itself.
     */
    static boolean asksToCloseInList(MultiMap headers) {
        String connection = headers.get("Connection");
        return connection != null && connection.indexOf(',') >= 0 && listsHeader(connection, "close");
    }

    /**
     * Whether a backend keeps the connection open after this response: not when it says {@code close}, and for
     * HTTP/1.0 only when it says {@code keep-alive} (what Vert.x's connection does after the response ends).
     */
    static boolean keepsAlive(HttpVersion version, MultiMap headers) {
        String connection = headers.get("Connection");
        if (version == HttpVersion.HTTP_1_0) return connection != null && listsHeader(connection, "keep-alive");
        return connection == null || !listsHeader(connection, "close");
    }

    /** Connection: may name further per-connection headers, which go too. */
    private static boolean listsHeader(String connection, String name) {
        int start = 0;
        while (start < connection.length()) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? connection.length() : comma;
            if (connection.substring(start, end).trim().equalsIgnoreCase(name)) return true;
            start = end + 1;
        }
        return false;
    }
}
