package dev.apigw.emulator.runtime;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams a backend response body to the client with back-pressure. Unlike a plain pipe it notices a client that
 * went away mid-body: it then stops writing and resets the backend request, so the upstream connection is not kept
 * busy for nothing. A backend failure mid-body resets the client connection (the head is already out).
 */
final class BodyRelay {
    private BodyRelay() {
    }

    static void start(HttpClientResponse back, HttpServerResponse response) {
        response.closeHandler(v -> {
            if (!response.ended()) back.request().reset();
        });
        response.drainHandler(v -> back.resume());
        back.handler(chunk -> {
            if (response.closed()) return;
            response.write(chunk);
            if (response.writeQueueFull()) back.pause();
        });
        back.exceptionHandler(err -> {
            if (!response.closed() && !response.ended()) response.reset();
        });
        back.endHandler(v -> {
            if (!response.closed() && !response.ended()) response.end();
        });
    }
}
