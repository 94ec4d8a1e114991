package dev.apigw.emulator.runtime;

import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * One runtime request on its way through the pipeline: the client request, the API it addresses and what policies
 * learned about it. Confined to the request's event loop, so it needs no synchronisation.
 */
public final class Exchange {
    private final HttpServerRequest request;
    private final CompiledApi api;
    private final String resourcePath;
    private final long startNanos = System.nanoTime();
    private long backendNanos = -1;
    private Map<String, String> responseHeaders;
    private Map<String, String> upstreamHeaders;
    private String applicationId;
    private String applicationName;

    public Exchange(HttpServerRequest request, CompiledApi api, String resourcePath) {
        this.request = request;
        this.api = api;
        this.resourcePath = resourcePath;
    }

    public HttpServerRequest request() {
        return request;
    }

    public CompiledApi api() {
        return api;
    }

    /** The part of the path after {@code /gateway/{apiName}/{apiVersion}}, raw, starting with '/'. */
    public String resourcePath() {
        return resourcePath;
    }

    public long startNanos() {
        return startNanos;
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

    /** Headers a policy wants on the client response (e.g. rate-limit headers), success or error. */
    public void addResponseHeader(String name, String value) {
        if (responseHeaders == null) responseHeaders = new HashMap<>(4);
        responseHeaders.put(name, value);
    }

    public Map<String, String> responseHeaders() {
        return responseHeaders == null ? Map.of() : responseHeaders;
    }

    /** Headers a policy wants sent to the backend in addition to the client's. */
    public void addUpstreamHeader(String name, String value) {
        if (upstreamHeaders == null) upstreamHeaders = new HashMap<>(4);
        upstreamHeaders.put(name, value);
    }

    public Map<String, String> upstreamHeaders() {
        return upstreamHeaders == null ? Map.of() : upstreamHeaders;
    }
}
