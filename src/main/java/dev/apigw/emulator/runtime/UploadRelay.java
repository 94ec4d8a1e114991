package dev.apigw.emulator.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * Streams a client's request body to the backend with back-pressure. It waits for the first bytes (or the end) before
 * asking for a backend connection, so a client that sends headers and then stalls holds no pooled connection. Uses
 * only the request's data slots; an upload that fails reaches the exchange's lifecycle, whose abort resets the
 * backend request (a truncated body must never look complete to the backend).
 */
final class UploadRelay {
    private final HttpServerRequest in;
    private final BodyCapture capture;
    private final Promise<Void> sent = Promise.promise();
    private Buffer early;
    private boolean ended;
    private HttpClientRequest out;
    private Runnable ready;

    /** @param capture where a Log Invocation policy keeps a prefix of the body (tee'd as it passes), or null */
    UploadRelay(HttpServerRequest in, BodyCapture capture) {
        this.in = in;
        this.capture = capture;
    }

    /** Starts reading; {@code ready} runs once, when the first bytes or the end of the body arrived. */
    void awaitFirstBytes(Runnable ready) {
        this.ready = ready;
        in.handler(this::chunk);
        in.endHandler(v -> {
            ended = true;
            if (out != null) out.end().onComplete(sent);
            else fireReady();
        });
        in.resume();
    }

    /** Sends what arrived so far and everything after it to {@code out}; completes {@link #sent()} with the end. */
    void to(HttpClientRequest out) {
        this.out = out;
        out.drainHandler(v -> in.resume());
        if (early != null) out.write(early);
        early = null;
        if (ended) out.end().onComplete(sent);
        else if (!out.writeQueueFull()) in.resume();
    }

    /** Completes once the whole body was handed to the backend connection. */
    Future<Void> sent() {
        return sent.future();
    }

    private void chunk(Buffer chunk) {
        if (capture != null) capture.request(chunk);
        if (out != null) {
            out.write(chunk);
            if (out.writeQueueFull()) in.pause();
            return;
        }
        in.pause();
        early = early == null ? chunk : early.appendBuffer(chunk);
        fireReady();
    }

    private void fireReady() {
        Runnable r = ready;
        ready = null;
        if (r != null) r.run();
    }
}
