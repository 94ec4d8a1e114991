package dev.apigw.emulator.demo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes a given number of bytes in chunks, honouring back-pressure, so large responses never sit in memory. */
final class ByteStreamer {
    private static final int CHUNK = 64 * 1024;
    private static final Buffer BLOCK = Buffer.buffer(new byte[CHUNK]);
    private final HttpServerResponse response;
    private long remaining;

    ByteStreamer(HttpServerResponse response, long total) {
        this.response = response;
        this.remaining = total;
    }

    void start() {
        response.drainHandler(v -> write());
        write();
    }

    private void write() {
        // a drain may follow the end (the last writes filled the queue): end once; a client that left gets nothing
        if (response.ended() || response.closed()) return;
        while (remaining > 0 && !response.writeQueueFull()) {
            int n = (int) Math.min(CHUNK, remaining);
            remaining -= n;
            response.write(n == CHUNK ? BLOCK : BLOCK.getBuffer(0, n));
        }
        if (remaining == 0) response.end();
    }
}
