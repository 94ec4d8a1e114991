package dev.apigw.emulator.runtime;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One runtime request on its way through the pipeline: the client request, the API it addresses and what policies
 * learned about it. Confined to the request's event loop, so it needs no synchronisation.
 */
public final class Exchange {
    private final HttpServerRequest request;
    private final ExchangeLifecycle lifecycle;
    private final CompiledApi api;
    private final String resourcePath;
    private final long startNanos = System.nanoTime();
    private long backendNanos = -1;
    /** Set once, when the exchange ended; a duration, so -1 (never a duration) means still running. */
    private long totalNanos = -1;
    /** name, value, name, value... in the order policies added them */
    private List<CharSequence> responseHeaders;
    private Map<String, String> upstreamHeaders;
    private String applicationId;
    private String applicationName;
    /** What the events recorder reads at the end; each is set at most once, on the paths that know it. */
    private String operation;
    private String nativeUri;
    private GatewayException error;
    private String refusedBy;
    private BodyCapture capture;

    public Exchange(ExchangeLifecycle lifecycle, CompiledApi api, String resourcePath) {
        this.lifecycle = lifecycle;
        this.request = lifecycle == null ? null : lifecycle.request();
        this.api = api;
        this.resourcePath = resourcePath;
    }

    public HttpServerRequest request() {
        return request;
    }

    /** The owner of this exchange's life on the wire: response-time hooks and abort handling register there. */
    public ExchangeLifecycle lifecycle() {
        return lifecycle;
    }

    public CompiledApi api() {
        return api;
    }

    /**
     * The part of the path after {@code /gateway/{apiName}/{apiVersion}}, starting with '/', percent-encoded, with
     * dot-segments removed ({@link ResourcePaths}): what resources match and what the backend gets.
     */
    public String resourcePath() {
        return resourcePath;
    }

    public long startNanos() {
        return startNanos;
    }

    /**
     * From admission to the end of the exchange, read from the clock once, when it ended, for every observer (each
     * reading its own clock cost about as much as the rest of an observer's work); the time so far before that.
     */
    public long totalNanos() {
        return totalNanos >= 0 ? totalNanos : System.nanoTime() - startNanos;
    }

    void ended(long nanos) {
        this.totalNanos = nanos - startNanos;
    }

    /** Time spent waiting for the backend's response head, or -1 if the request never reached it. */
    public long backendNanos() {
        return backendNanos;
    }

    public void backendTime(long nanos) {
        this.backendNanos = nanos;
    }

    /** The application that Identify & Authorize recognised, or null (anonymous). */
    public String applicationId() {
        return applicationId;
    }

    public String applicationName() {
        return applicationName;
    }

    public void identify(String id, String name) {
        this.applicationId = id;
        this.applicationName = name;
    }

    /**
     * A header a policy wants on the client response (e.g. rate-limit headers), success or error. The lifecycle writes
     * them when the head goes out, the last added first, so on a clash the earliest policy's value stands.
     */
    public void addResponseHeader(CharSequence name, CharSequence value) {
        if (responseHeaders == null) responseHeaders = new ArrayList<>(4);
        responseHeaders.add(name);
        responseHeaders.add(value);
    }

    void writeResponseHeaders(HttpServerResponse response) {
        if (responseHeaders == null) return;
        for (int i = responseHeaders.size() - 2; i >= 0; i -= 2) response.putHeader(responseHeaders.get(i), responseHeaders.get(i + 1));
    }

    /** Headers a policy wants sent to the backend in addition to the client's. */
    public void addUpstreamHeader(String name, String value) {
        if (upstreamHeaders == null) upstreamHeaders = new HashMap<>(4);
        upstreamHeaders.put(name, value);
    }

    public boolean hasUpstreamHeaders() {
        return upstreamHeaders != null;
    }

    public Map<String, String> upstreamHeaders() {
        return upstreamHeaders == null ? Map.of() : upstreamHeaders;
    }

    /** The resource template the request matched, e.g. {@code /pet/{petId}}, or null when none matched. */
    public String operation() {
        return operation;
    }

    void operation(String template) {
        this.operation = template;
    }

    /** The path and query sent to the backend, or null when the request was never forwarded. */
    public String nativeUri() {
        return nativeUri;
    }

    void nativeUri(String uri) {
        this.nativeUri = uri;
    }

    /** The error the gateway answered with (its key and status), or null when it did not answer with an error. */
    public GatewayException error() {
        return error;
    }

    void failed(GatewayException error) {
        this.error = error;
    }

    /** The id of the policy whose failure stopped the chain, or null. */
    public String refusedBy() {
        return refusedBy;
    }

    void refusedBy(String policyId) {
        this.refusedBy = policyId;
    }

    /** The bodies and headers a Log Invocation policy asked to keep, or null. */
    public BodyCapture capture() {
        return capture;
    }

    public void capture(BodyCapture capture) {
        this.capture = capture;
    }
}
