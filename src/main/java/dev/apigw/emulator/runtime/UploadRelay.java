package dev.apigw.emulator.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Streams a client's request body to the backend connection with back-pressure (the client's request is paused while
 * the connection is not writable). It waits for the first bytes (or the end) before asking for a backend connection,
 * so a client that sends headers and then stalls holds no pooled connection. Uses only the request's data slots; an
 * upload that fails reaches the exchange's lifecycle, whose abort closes the backend connection (a truncated body
 * must never look complete to the backend).
 */
final class UploadRelay {
    private final HttpServerRequest in;
    private final BodyCapture capture;
    private Buffer early;
    private boolean ended;
    private boolean sent;
    private boolean abandoned;
    private Channel out;
    private Runnable ready;
    private Runnable done;

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
            if (out != null) end();
            else fireReady();
        });
        in.resume();
    }

    /**
     * Sends what arrived so far and everything after it on {@code out}, after the request head written there;
     * {@code done} runs once the last part was written to the connection.
     */
    void to(Channel out, Runnable done) {
        this.out = out;
        this.done = done;
        if (early != null) write(early);
        early = null;
        if (ended) end();
        else {
            out.flush();
            if (out.isWritable()) in.resume();
        }
    }

    /** Whether the whole body was handed to the backend connection. */
    boolean ended() {
        return sent;
    }

    /**
     * The backend answered before the body ended and its connection is gone: the rest of the body is read and dropped,
     * so the client (which may send everything before it reads) is never left paused.
     */
    void abandon() {
        abandoned = true;
        if (!ended) in.resume();
    }

    /** The connection can take more: read the client again. */
    void writable() {
        if (!ended) in.resume();
    }

    private void chunk(Buffer chunk) {
        if (capture != null) capture.request(chunk);
        if (out != null) {
            // the backend connection closed (its call already answered or failed): drain the rest, unsent
            if (abandoned || !out.isActive()) return;
            write(chunk);
            out.flush();
            if (!out.isWritable()) in.pause();
            return;
        }
        in.pause();
        early = early == null ? chunk : early.appendBuffer(chunk);
        fireReady();
    }

    private void write(Buffer chunk) {
        ByteBuf bytes = ((BufferInternal) chunk).getByteBuf();
        out.write(new DefaultHttpContent(bytes), out.voidPromise());
    }

    private void end() {
        out.writeAndFlush(new DefaultLastHttpContent()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) return; // the connection broke: its call hears of it and fails
            sent = true;
            done.run();
        });
    }

    private void fireReady() {
        Runnable r = ready;
        ready = null;
        if (r != null) r.run();
    }
}
