package dev.apigw.emulator.runtime;

import java.util.Map;

/**
 * The one error type of the pipeline and the admin API: an HTTP status, an UPPER_SNAKE key for logs and metric
 * tags, the message shown to the client, and extra response headers. Stackless, because it is control flow. It
 * carries no body: the runtime's {@link ErrorResponder} and the admin API's error renderer each write their family's
 * shape from these fields.
 */
public final class GatewayException extends RuntimeException {
    private final int status;
    private final String key;
    private final Map<String, String> headers;

    public GatewayException(int status, String key, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.key = key;
        this.headers = Map.copyOf(headers);
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

    /** The admin API's default error: {@code {"errorDetails":" <message>"}} (the leading space is the product's). */
    public static GatewayException admin(int status, String key, String message) {
        return new GatewayException(status, key, message, Map.of());
    }

    public static GatewayException notFound(String id) {
        return admin(404, "NOT_FOUND", "Unable to find the resource: " + id);
    }

    /** The APIs resource's 404, which the admin API answers in the resource's own {@code apiResponse} shape. */
    public static GatewayException apiIdNotFound(String id) {
        return admin(404, API_ID_NOT_FOUND, "Api with ID " + id + " does not exist");
    }

    public static final String API_ID_NOT_FOUND = "API_ID_NOT_FOUND";

    /** A request the node no longer takes: it is quiescing, quiesced or shutting down. */
    public static GatewayException quiesced() {
        return new GatewayException(503, "QUIESCED", "The gateway is in quiesce mode and does not accept new requests",
            Map.of("Retry-After", "5"));
    }

    /** The data store (disk or Redis) cannot be reached. */
    public static GatewayException storeUnavailable(String detail) {
        return new GatewayException(503, "STORE_UNAVAILABLE", "The data store is unavailable: " + detail,
            Map.of("Retry-After", "1"));
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
