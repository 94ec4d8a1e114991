package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.BodyCapture;
import dev.apigw.emulator.runtime.CompiledApi;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeLifecycle;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.RoutingTarget;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transactional event of one runtime exchange, taken from what the exchange knows when it ends: the strings it
 * holds are the exchange's own (API, application, client address), so building it costs one object. Everything
 * else (ids, the native URL, the JSON) is made on the writer thread. A refusal by a policy also yields a policy
 * violation event, a failure an error event ({@link #derived()}).
 */
final class TransactionRecord implements EventRecord {
    static final String UNKNOWN = "Unknown";
    private static final String[] CODES = new String[1000];

    static {
        for (int i = 0; i < CODES.length; i++) CODES[i] = Integer.toString(i);
    }

    final long creationDate;
    final CompiledApi api;
    final String operation;
    final String method;
    final String upperMethod;
    final String nativeUri;
    final int status;
    final long totalMs;
    final long providerMs;
    final long dataSize;
    final String applicationId;
    final String applicationName;
    /** The client's address; its text is taken on the writer thread ({@link Fragments#clientIp}). */
    final SocketAddress remote;
    /** The client's IP address as text, once written (writer thread only). */
    private String consumerIp;
    final GatewayException error;
    final String refusedBy;
    final Captured captured;
    /** The sequence number this event was written with: its derived event shares its correlation id. */
    long seq;

    /** What a Log Invocation policy kept: copied headers and body prefixes (null when none applies). */
    record Captured(Map<String, String> requestHeaders, Map<String, String> responseHeaders, Buffer request,
                    Buffer response) {
    }

    /** Everything the event says, as taken from an exchange by {@link #of}; tests and benchmarks build it directly. */
    TransactionRecord(long creationDate, CompiledApi api, String operation, String upperMethod, String nativeUri,
                      int status, long totalMs, long providerMs, long dataSize, String applicationId,
                      String applicationName, SocketAddress remote, GatewayException error, String refusedBy,
                      Captured captured) {
        this.creationDate = creationDate;
        this.api = api;
        this.operation = operation;
        this.upperMethod = upperMethod;
        this.method = lower(upperMethod);
        this.nativeUri = nativeUri;
        this.status = status;
        this.totalMs = totalMs;
        this.providerMs = providerMs;
        this.dataSize = dataSize;
        this.applicationId = applicationId;
        this.applicationName = applicationName;
        this.remote = remote;
        this.error = error;
        this.refusedBy = refusedBy;
        this.captured = captured;
    }

    static TransactionRecord of(Exchange ex, int status, long now) {
        HttpServerRequest req = ex.request();
        long total = ex.totalNanos() / 1_000_000;
        long provider = ex.backendNanos() < 0 ? 0 : Math.min(total, ex.backendNanos() / 1_000_000);
        BodyCapture capture = ex.capture();
        return new TransactionRecord(now, ex.api(), ex.operation() != null ? ex.operation() : ex.resourcePath(),
            req.method().name(), ex.nativeUri(), status, total, provider,
            req.bytesRead() + req.response().bytesWritten(), ex.applicationId(), ex.applicationName(),
            req.remoteAddress(), ex.error(), ex.refusedBy(),
            capture == null || !capture.appliesTo(status) ? null : captured(capture, req));
    }

    private static Captured captured(BodyCapture capture, HttpServerRequest req) {
        BodyCapture.Settings s = capture.settings();
        return new Captured(s.requestHeaders() ? headers(req.headers()) : null,
            s.responseHeaders() ? headers(req.response().headers()) : null, capture.requestBody(), capture.responseBody());
    }

    private static Map<String, String> headers(io.vertx.core.MultiMap headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : headers) out.merge(h.getKey(), h.getValue(), (a, b) -> a + "," + b);
        return out;
    }

    static String code(int status) {
        return status >= 0 && status < CODES.length ? CODES[status] : Integer.toString(status);
    }

    private static String lower(String method) {
        return switch (method) {
            case "GET" -> "get";
            case "POST" -> "post";
            case "PUT" -> "put";
            case "DELETE" -> "delete";
            case "PATCH" -> "patch";
            case "HEAD" -> "head";
            case "OPTIONS" -> "options";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }

    boolean failed() {
        return failed(status);
    }

    static boolean failed(int status) {
        return status >= 400 || status == 0;
    }

    /** The client's IP address: as the writer resolved it, or from the address itself when asked before. */
    String consumerIp() {
        if (consumerIp == null && remote != null) consumerIp = remote.hostAddress();
        return consumerIp;
    }

    /** Who failed: the client (it left), the native service (unreachable, silent, broken, 5xx) or the gateway. */
    String errorOrigin() {
        if (!failed()) return null;
        if (status == ExchangeLifecycle.CLIENT_CLOSED && error == null) return "Client";
        if (error == null) return status >= 500 ? "Nativeservice" : null; // the backend's own answer
        // the emulator's injected faults (/emulator/faults) stand in for the backend: they count as its failures
        return error.key().startsWith("UPSTREAM_") || error.key().equals("INJECTED_FAULT") ? "Nativeservice" : "Gateway";
    }

    /** A refusal by a policy is a violation; a server-side failure of the gateway or the backend is an error. */
    @Override
    public EventRecord derived() {
        boolean serverSide = error != null && (error.key().equals("INTERNAL_ERROR") || error.key().equals("STORE_UNAVAILABLE"));
        if (refusedBy != null && error != null && !serverSide) return new DerivedRecord(this, EventType.POLICYVIOLATION_EVENTS);
        if (error != null || (status >= 500 && status != ExchangeLifecycle.CLIENT_CLOSED)) {
            return new DerivedRecord(this, EventType.ERROR_EVENTS);
        }
        return null;
    }

    @Override
    public EventType type() {
        return EventType.TRANSACTION_EVENTS;
    }

    @Override
    public long creationDate() {
        return creationDate;
    }

    @Override
    public String text(int field) {
        return switch (field) {
            case Fields.API_ID -> api.id();
            case Fields.API_NAME -> api.name();
            case Fields.API_VERSION -> api.version();
            case Fields.APPLICATION_ID -> applicationId == null ? UNKNOWN : applicationId;
            case Fields.APPLICATION_NAME -> applicationName == null ? UNKNOWN : applicationName;
            case Fields.OPERATION_NAME -> operation;
            case Fields.HTTP_METHOD -> method;
            case Fields.STATUS -> failed() ? "FAILURE" : "SUCCESS";
            case Fields.RESPONSE_CODE -> code(status);
            case Fields.CONSUMER_IP -> consumerIp();
            default -> null;
        };
    }

    @Override
    public long number(int field) {
        return switch (field) {
            case Fields.TOTAL_TIME -> totalMs;
            case Fields.PROVIDER_TIME -> providerMs;
            case Fields.GATEWAY_TIME -> totalMs - providerMs;
            case Fields.TOTAL_DATA_SIZE -> dataSize;
            default -> Fields.NONE;
        };
    }

    @Override
    public void write(JsonOut out, Fragments f, long seq) {
        prepare(f, seq);
        TransactionDocument.write(this, out, f, seq);
    }

    @Override
    public void writeStored(JsonOut out, Fragments f, long seq) {
        prepare(f, seq);
        if (ShortForm.applies(this)) ShortForm.write(this, out, f, seq);
        else TransactionDocument.write(this, out, f, seq);
    }

    private void prepare(Fragments f, long seq) {
        this.seq = seq;
        if (consumerIp == null && remote != null) consumerIp = f.clientIp(remote);
    }

    /** The fields every event of the exchange carries (its derived events' too). */
    void common(JsonOut out, Fragments f, Fragments.Api a, long correlation) {
        TransactionDocument.common(this, out, f, a, correlation);
    }

    String nativeUrl() {
        RoutingTarget t = api.routing();
        return (t.ssl() ? "https://" : "http://") + t.hostHeader() + nativeUri;
    }
}
