package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How the embedded store keeps a transactional event on disk: the values only, under one-letter keys, and not what
 * the node or the status says again. The product's document ({@link TransactionDocument}) is ~800 bytes, a quarter
 * of it the node's id four times over; this form is ~200. Why: on one core, copying the log into the page cache
 * was most of what recording an event cost (about 1.6 µs per kilobyte here), so fewer bytes is less of it.
 * {@link #expand} makes the product's document back, field for field and in the same order, when a segment is
 * read: searches, archives, purges and restarts see only product documents. The node's id comes from the data
 * directory the segment lies in ({@link NodeIdentity}), which keeps it for the node's life. Events with captured
 * payloads, derived events, lifecycle events and restored documents keep the product's form; {@code "~"} (the
 * form's version) tells the two apart.
 */
final class ShortForm {
    static final String MARK = "~";
    private static final byte[] OPEN = ascii("{\"~\":1,\"s\":");
    private static final byte[] DATE = JsonOut.encodedKey("d");
    private static final byte[] OPERATION = JsonOut.encodedKey("o");
    private static final byte[] METHOD = JsonOut.encodedKey("m");
    private static final byte[] APPLICATION_NAME = JsonOut.encodedKey("an");
    private static final byte[] APPLICATION_ID = JsonOut.encodedKey("ai");
    private static final byte[] CLIENT = JsonOut.encodedKey("c");
    private static final byte[] NATIVE_METHOD = JsonOut.encodedKey("M");
    private static final byte[] STATUS = JsonOut.encodedKey("r");
    private static final byte[] TOTAL = JsonOut.encodedKey("t");
    private static final byte[] PROVIDER = JsonOut.encodedKey("p");
    private static final byte[] SIZE = JsonOut.encodedKey("z");
    private static final byte[] ORIGIN = JsonOut.encodedKey("e");

    private ShortForm() {
    }

    /** Whether an event is kept in this form: a captured payload keeps the product's form (it is rare and large). */
    static boolean applies(TransactionRecord r) {
        return r.captured == null;
    }

    static void write(TransactionRecord r, JsonOut out, Fragments f, long seq) {
        Fragments.Api a = f.api(r.api);
        out.begin(OPEN).digits(seq).field(DATE, r.creationDate).fragment(a.shortFields())
            .field(OPERATION, r.operation).field(METHOD, r.method);
        if (r.applicationId != null || r.applicationName != null) {
            out.field(APPLICATION_NAME, r.text(Fields.APPLICATION_NAME)).field(APPLICATION_ID, r.text(Fields.APPLICATION_ID));
        }
        out.field(CLIENT, r.consumerIp());
        if (r.nativeUri != null) {
            RoutingTarget target = r.api.routing();
            String nativeMethod = target.keepsMethod() ? r.upperMethod : target.method();
            if (!nativeMethod.equals(r.upperMethod) || !upperCaseAscii(nativeMethod)) out.field(NATIVE_METHOD, nativeMethod);
            out.fragment(a.shortUrlOpen()).stringEnd(r.nativeUri);
        }
        out.field(STATUS, r.status).field(TOTAL, r.totalMs).field(PROVIDER, r.providerMs).field(SIZE, r.dataSize)
            .field(ORIGIN, r.errorOrigin()).end();
    }

    static boolean isShort(JsonObject doc) {
        return doc.containsKey(MARK);
    }

    /**
     * The product's document of an event in this form, as {@link TransactionDocument} writes it. A malformed line
     * (a value of the wrong type) throws {@link ClassCastException} or {@link NullPointerException}, like any document
     * that is no event.
     */
    static JsonObject expand(JsonObject s, NodeIdentity node) {
        long seq = s.getLong("s");
        String method = s.getString("m");
        String client = s.getString("c");
        JsonObject d = new JsonObject().put("id", node.prefix() + seq).put(Fields.EVENT_TYPE, "Transactional")
            .put(Fields.CREATION_DATE, s.getLong("d")).put("apiId", s.getString("a")).put("apiName", s.getString("n"))
            .put("apiVersion", s.getString("v")).put("operationName", s.getString("o")).put("httpMethod", method);
        boolean application = s.containsKey("an") || s.containsKey("ai");
        d.put("applicationName", application ? s.getString("an") : TransactionRecord.UNKNOWN)
            .put("applicationId", application ? s.getString("ai") : TransactionRecord.UNKNOWN);
        putPresent(d, "consumerIp", client);
        d.put("correlationID", node.correlationPrefix() + seq).put("sessionId", node.prefix() + seq)
            .put("sourceGateway", "APIGateway").put("sourceGatewayNode", node.id());
        if (s.containsKey("u")) d.put("nativeHttpMethod", s.getString("M", upper(method))).put("nativeURL", s.getString("u"));
        int status = s.getInteger("r");
        long total = s.getLong("t");
        long provider = s.getLong("p");
        d.put("status", TransactionRecord.failed(status) ? "FAILURE" : "SUCCESS")
            .put("responseCode", TransactionRecord.code(status)).put("totalTime", total).put("providerTime", provider)
            .put("gatewayTime", total - provider).put("totalDataSize", s.getLong("z"));
        putPresent(d, "applicationIp", client);
        d.put("cachedResponse", "Not-Cached").put("callbackRequest", false);
        putPresent(d, "errorOrigin", s.getString("e"));
        return d;
    }

    private static void putPresent(JsonObject d, String key, String value) {
        if (value != null) d.put(key, value);
    }

    /** Whether {@link #expand} gets the method back from the lower-case {@code httpMethod}. */
    private static boolean upperCaseAscii(String method) {
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c >= 128 || (c >= 'a' && c <= 'z')) return false;
        }
        return true;
    }

    private static String upper(String method) {
        return method.toUpperCase(Locale.ROOT);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
