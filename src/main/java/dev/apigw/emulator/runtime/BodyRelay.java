package dev.apigw.emulator.runtime;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams a backend response body to the client with back-pressure. Unlike a plain pipe it notices a client that
 * went away mid-body (the lifecycle then resets the backend request) and stops writing instead of failing on a closed
 * response. A backend that breaks off mid-body resets the client connection: the head is already out, and a truncated
 * body must never look complete.
 */
final class BodyRelay {
    private BodyRelay() {
    }

    /**
     * @param capture where a Log Invocation policy keeps a prefix of the body (tee'd as it passes), or null
     * @param call told of each chunk (the backend's silence starts again) and of the body's end or failure
     * @param afterEnd run once the body has been fully written (e.g. close an HTTP/1.0 connection), or null
     */
    static void start(HttpClientResponse back, ExchangeLifecycle lifecycle, HttpServerResponse response,
                      BodyCapture capture, BackendCall call, Runnable afterEnd) {
        lifecycle.onDrain(back::resume);
        back.handler(chunk -> {
            call.touch();
            if (response.closed()) return;
            if (capture != null) capture.response(chunk);
            response.write(chunk);
            if (response.writeQueueFull()) back.pause();
        });
        back.exceptionHandler(err -> {
            call.failed();
            if (!response.closed() && !response.ended()) lifecycle.resetResponse();
        });
        back.endHandler(v -> {
            call.ended(back);
            if (response.closed() || response.ended()) return;
            if (afterEnd == null) response.end();
            else response.end().onComplete(ar -> afterEnd.run());
        });
    }
}
