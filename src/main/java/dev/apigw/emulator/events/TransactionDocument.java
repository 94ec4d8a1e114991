package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.RoutingTarget;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How a {@link TransactionRecord} is written: the product's transactional event document, from the writer thread's
 * pre-encoded {@link Fragments} and the keys below, into a {@link JsonOut}. {@code TransactionRecordEncodingTest}
 * pins the bytes.
 */
final class TransactionDocument {
    // pre-encoded keys and constant runs of fields (JsonOut.encodedKey: ,"name":)
    private static final byte[] TRANSACTIONAL = ascii("\",\"eventType\":\"Transactional\",\"creationDate\":");
    private static final byte[] NO_APPLICATION = ascii(",\"applicationName\":\"Unknown\",\"applicationId\":\"Unknown\"");
    private static final byte[] NOT_CACHED = ascii(",\"cachedResponse\":\"Not-Cached\",\"callbackRequest\":false");
    private static final byte[] OPERATION_NAME = JsonOut.encodedKey("operationName");
    private static final byte[] HTTP_METHOD = JsonOut.encodedKey("httpMethod");
    private static final byte[] APPLICATION_NAME = JsonOut.encodedKey("applicationName");
    private static final byte[] APPLICATION_ID = JsonOut.encodedKey("applicationId");
    private static final byte[] CONSUMER_IP = JsonOut.encodedKey("consumerIp");
    private static final byte[] NATIVE_HTTP_METHOD = JsonOut.encodedKey("nativeHttpMethod");
    private static final byte[] TOTAL_TIME = JsonOut.encodedKey("totalTime");
    private static final byte[] PROVIDER_TIME = JsonOut.encodedKey("providerTime");
    private static final byte[] GATEWAY_TIME = JsonOut.encodedKey("gatewayTime");
    private static final byte[] TOTAL_DATA_SIZE = JsonOut.encodedKey("totalDataSize");
    private static final byte[] APPLICATION_IP = JsonOut.encodedKey("applicationIp");
    private static final byte[] ERROR_ORIGIN = JsonOut.encodedKey("errorOrigin");

    private TransactionDocument() {
    }

    static void write(TransactionRecord r, JsonOut out, Fragments f, long seq) {
        Fragments.Api a = f.api(r.api);
        out.begin(f.idOpen).digits(seq).fragment(TRANSACTIONAL).digits(r.creationDate);
        common(r, out, f, a, seq);
        if (r.nativeUri != null) {
            RoutingTarget target = r.api.routing();
            out.field(NATIVE_HTTP_METHOD, target.keepsMethod() ? r.upperMethod : target.method())
                .fragment(a.nativeUrlOpen()).stringEnd(r.nativeUri);
        }
        out.fragment(f.status(r.status))
            .field(TOTAL_TIME, r.totalMs).field(PROVIDER_TIME, r.providerMs).field(GATEWAY_TIME, r.totalMs - r.providerMs)
            .field(TOTAL_DATA_SIZE, r.dataSize).field(APPLICATION_IP, r.consumerIp())
            .fragment(NOT_CACHED).field(ERROR_ORIGIN, r.errorOrigin());
        if (r.captured != null) writeCaptured(r.captured, out);
        out.end();
    }

    /** The fields every event of the exchange carries. */
    static void common(TransactionRecord r, JsonOut out, Fragments f, Fragments.Api a, long correlation) {
        out.fragment(a.fields()).field(OPERATION_NAME, r.operation).field(HTTP_METHOD, r.method);
        if (r.applicationId == null && r.applicationName == null) out.fragment(NO_APPLICATION);
        else out.field(APPLICATION_NAME, r.text(Fields.APPLICATION_NAME)).field(APPLICATION_ID, r.text(Fields.APPLICATION_ID));
        out.field(CONSUMER_IP, r.consumerIp()).fragment(f.correlationOpen).digits(correlation)
            .fragment(f.sessionOpen).digits(correlation).fragment(f.nodeFields);
    }

    private static void writeCaptured(TransactionRecord.Captured captured, JsonOut out) {
        if (captured.requestHeaders() != null) map(out, "requestHeaders", captured.requestHeaders());
        if (captured.responseHeaders() != null) map(out, "responseHeaders", captured.responseHeaders());
        if (captured.request() != null) out.field("reqPayload", captured.request().toString(StandardCharsets.UTF_8));
        if (captured.response() != null) out.field("resPayload", captured.response().toString(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void map(JsonOut out, String name, Map<String, String> values) {
        out.object(name);
        values.forEach(out::field);
        out.end();
    }
}
