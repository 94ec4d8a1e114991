package dev.apigw.emulator.runtime;

import io.vertx.core.buffer.Buffer;

/**
 * What a Log Invocation policy asked to keep of one exchange: bounded prefixes of the request and response bodies,
 * tee'd while they stream (the stream itself is never held back or buffered), and whether the headers are kept.
 * Created per exchange only when such a policy applies; confined to the request's event loop.
 */
public final class BodyCapture {
    /** When the stored parts go into the event: the policy's {@code logGenerationFrequency}. */
    public enum When { ALWAYS, ON_SUCCESS, ON_FAILURE }

    /** The policy's parameters, parsed once when the route table is built. */
    public record Settings(boolean requestBody, boolean responseBody, boolean requestHeaders, boolean responseHeaders,
                           int maxBytes, When when) {
    }

    private final Settings settings;
    private Buffer request;
    private Buffer response;

    public BodyCapture(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Whether anything is stored for an exchange that ended with {@code status}. */
    public boolean appliesTo(int status) {
        boolean failed = status >= 400 || status == 0;
        return switch (settings.when()) {
            case ALWAYS -> true;
            case ON_SUCCESS -> !failed;
            case ON_FAILURE -> failed;
        };
    }

    /** A chunk of the client's body on its way to the backend. */
    public void request(Buffer chunk) {
        if (settings.requestBody()) request = append(request, chunk);
    }

    /** A chunk of the response body on its way to the client (the backend's, or the gateway's error body). */
    public void response(Buffer chunk) {
        if (settings.responseBody()) response = append(response, chunk);
    }

    /** The stored prefix of the request body, or null when none was asked for or none was sent. */
    public Buffer requestBody() {
        return request;
    }

    public Buffer responseBody() {
        return response;
    }

    private Buffer append(Buffer to, Buffer chunk) {
        int room = settings.maxBytes() - (to == null ? 0 : to.length());
        if (room <= 0) return to;
        Buffer out = to == null ? Buffer.buffer(Math.min(room, chunk.length())) : to;
        // a copy: the chunk's bytes belong to the stream and may be reused once written
        return out.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
    }
}
