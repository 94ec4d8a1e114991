package dev.apigw.emulator.runtime;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The one error type of the pipeline and the admin API: an HTTP status, an UPPER_SNAKE key for logs and metric
 * tags, the message shown to the client, and extra response headers. Stackless, because it is control flow.
 */
public final class GatewayException extends RuntimeException {
    private final int status;
    private final String key;
    private final Map<String, String> headers;
    private final JsonObject body;

    public GatewayException(int status, String key, String message, Map<String, String> headers, JsonObject body) {
        super(message, null, false, false);
        this.status = status;
        this.key = key;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    public GatewayException(int status, String key, String message, Map<String, String> headers) {
        this(status, key, message, headers, null);
    }

    public GatewayException(int status, String key, String message) {
        this(status, key, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A complete response body in a resource's own shape (e.g. {@code apiResponse}), or null for the default. */
    public JsonObject body() {
        return body;
    }

    /** The admin API's default error: {@code {"errorDetails":" <message>"}} (the leading space is the product's). */
    public static GatewayException admin(int status, String key, String message) {
        return new GatewayException(status, key, message, Map.of());
    }

    public static GatewayException notFound(String id) {
        return admin(404, "NOT_FOUND", "Unable to find the resource: " + id);
    }

    public static GatewayException invalidPayload(String detail) {
        return admin(400, "INVALID_PAYLOAD", "Unable to process the request. Invalid payload: " + detail);
    }

    public static GatewayException apiNotFound(String path) {
        return new GatewayException(404, "API_NOT_FOUND", "No active API is deployed at " + path);
    }

    public static GatewayException resourceNotFound(String resourcePath) {
        return new GatewayException(404, "RESOURCE_NOT_FOUND", "Resource " + resourcePath + " is not defined in the API");
    }

    public static GatewayException methodNotAllowed(String method, String allow) {
        return new GatewayException(405, "METHOD_NOT_ALLOWED", "Method " + method + " is not allowed for this resource",
            Map.of("Allow", allow));
    }

    public static GatewayException upstreamUnavailable(String detail) {
        return new GatewayException(503, "UPSTREAM_UNAVAILABLE", "Unable to connect to the native service: " + detail);
    }

    public static GatewayException upstreamTimeout(long timeoutMs) {
        return new GatewayException(504, "UPSTREAM_TIMEOUT",
            "The native service did not respond within " + timeoutMs + " ms");
    }

    public static GatewayException badRequest(String message) {
        return new GatewayException(400, "BAD_REQUEST", message);
    }
}
