package dev.apigw.emulator.admin;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Drains the short body of an HTTP/1.x request refused before its body was read (401, 413, 429, 503 ...), the way
 * servers do a "lingering close": the rest of the body is read and dropped; a body that ends within {@link #MAX_BYTES}
 * and {@link #MAX_MILLIS} leaves the connection clean for the client's next request, else it closes. Closing
 * at once would make a client still sending its body see a broken pipe instead of the answer; draining without a
 * bound would let a client keep the node receiving what nobody reads.
 */
final class LingeringClose {
    static final long MAX_BYTES = 1024 * 1024;
    static final long MAX_MILLIS = 2_000;

    private LingeringClose() {
    }

    /** Whether a refused request's unread body may be drained: a declared length up to {@link #MAX_BYTES}, or none. */
    static boolean drains(HttpServerRequest request) {
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) return false;
        String length = request.getHeader("Content-Length");
        try {
            return length == null || Long.parseLong(length.trim()) <= MAX_BYTES; // chunked: drained up to the bound
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Called once the refusal is written; a request already read whole (or HTTP/2, where a reset ends it) is left. */
    static void after(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) return;
        long[] read = {0};
        long timer = ctx.vertx().setTimer(MAX_MILLIS, t -> request.connection().close());
        Runnable close = () -> {
            ctx.vertx().cancelTimer(timer);
            request.connection().close();
        };
        try {
            request.handler(chunk -> {
                read[0] += chunk.length();
                if (read[0] > MAX_BYTES) close.run();
            });
            request.endHandler(v -> ctx.vertx().cancelTimer(timer));
            request.exceptionHandler(e -> close.run());
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            close.run(); // a body handler consumed it meanwhile: nothing left to drain
        }
    }
}
