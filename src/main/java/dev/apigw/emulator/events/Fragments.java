package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a store's writer needs to encode events fast: the parts of a transactional event that are the same for the
 * node, for one API or for one status, encoded to JSON once (most of an event's ~700 bytes), and the client address
 * texts of the connections seen lately. One per store; used by the event writer's thread only (not thread-safe).
 *
 * <p>APIs and client addresses are keyed by identity: a change to an API compiles a new {@link CompiledApi}
 * (a record, whose value equality would also match an older twin), so a stale fragment is never found for it;
 * Vert.x keeps one remote address object per connection. Both maps are bounded: when full they start over.
 */
final class Fragments {
    static final int MAX_APIS = 1024;
    static final int MAX_CLIENTS = 4096;
    private static final int CODES = 1000;

    private final NodeIdentity node;
    /** {@code {"id":"<node>:} — the sequence number, then {@link #TRANSACTIONAL}. */
    final byte[] idOpen;
    /** {@code ,"correlationID":"APIGW:<node>:} — then the correlation number and {@link #sessionOpen}. */
    final byte[] correlationOpen;
    /** {@code ","sessionId":"<node>:} — then the correlation number and {@link #nodeFields}. */
    final byte[] sessionOpen;
    /** {@code ","sourceGateway":"APIGateway","sourceGatewayNode":"<node>"}. */
    final byte[] nodeFields;
    private final byte[][] statuses = new byte[CODES][];
    private final Map<CompiledApi, Api> apis = new IdentityHashMap<>();
    private final Map<SocketAddress, String> clients = new IdentityHashMap<>();
    private CompiledApi lastApi;
    private Api last;

    /**
     * The fields of one API: {@code ,"apiId":"…","apiName":"…","apiVersion":"…"}, and the start of its native URL,
     * {@code ,"nativeURL":"http(s)://host[:port]} (the request's URI and the closing quote follow); the same two in
     * the store's {@link ShortForm} ({@code ,"a":"…","n":"…","v":"…"} and {@code ,"u":"…}).
     */
    record Api(byte[] fields, byte[] nativeUrlOpen, byte[] shortFields, byte[] shortUrlOpen) {
    }

    Fragments(NodeIdentity node) {
        this.node = node;
        byte[] prefix = JsonOut.escape(node.prefix());
        idOpen = concat(ascii("{\"id\":\""), prefix);
        correlationOpen = concat(ascii(",\"correlationID\":\""), JsonOut.escape(node.correlationPrefix()));
        sessionOpen = concat(ascii("\",\"sessionId\":\""), prefix);
        nodeFields = concat(ascii("\",\"sourceGateway\":\"APIGateway\",\"sourceGatewayNode\":\""),
            JsonOut.escape(node.id()), ascii("\""));
    }

    NodeIdentity node() {
        return node;
    }

    /** The pre-encoded fields of this very API object (built on first use). */
    Api api(CompiledApi api) {
        if (api == lastApi) return last;
        Api a = apis.get(api);
        if (a == null) {
            if (apis.size() >= MAX_APIS) apis.clear(); // rebuilt catalogues leave old objects behind
            a = encode(api);
            apis.put(api, a);
        }
        lastApi = api;
        last = a;
        return a;
    }

    private static Api encode(CompiledApi api) {
        RoutingTarget t = api.routing();
        byte[] host = t == null ? null : JsonOut.escape((t.ssl() ? "https://" : "http://") + t.hostHeader());
        return new Api(apiFields(api, "apiId", "apiName", "apiVersion"), urlOpen("nativeURL", host),
            apiFields(api, "a", "n", "v"), urlOpen("u", host));
    }

    private static byte[] urlOpen(String key, byte[] host) {
        return host == null ? null : concat(ascii(",\"" + key + "\":\""), host);
    }

    private static byte[] apiFields(CompiledApi api, String id, String name, String version) {
        return concat(ascii(",\"" + id + "\":\""), JsonOut.escape(api.id()), ascii("\",\"" + name + "\":\""),
            JsonOut.escape(api.name()), ascii("\",\"" + version + "\":\""), JsonOut.escape(api.version()), ascii("\""));
    }

    /** {@code ,"status":"SUCCESS|FAILURE","responseCode":"<code>"} for a status. */
    byte[] status(int status) {
        boolean cached = status >= 0 && status < CODES;
        byte[] f = cached ? statuses[status] : null;
        if (f == null) {
            f = ascii(",\"status\":\"" + (TransactionRecord.failed(status) ? "FAILURE" : "SUCCESS") + "\",\"responseCode\":\""
                + TransactionRecord.code(status) + "\"");
            if (cached) statuses[status] = f;
        }
        return f;
    }

    /** The client's IP address as text: one string per connection, instead of one per request. */
    String clientIp(SocketAddress remote) {
        String ip = clients.get(remote);
        if (ip == null) {
            ip = remote.hostAddress();
            if (ip == null) return null;
            if (clients.size() >= MAX_CLIENTS) clients.clear();
            clients.put(remote, ip);
        }
        return ip;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
