package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.function.BiConsumer;

/**
 * One exchange's call to its backend, from the request written to the end of the response: it receives what the
 * {@link BackendChannel} decoded (run in the exchange's Vert.x context), relays the head and streams the body to the
 * client with back-pressure (the backend connection stops reading while the client's write queue is full), aborts the
 * call when the client leaves, and is the call's entry in the forwarder's {@link BackendDeadlines}. A backend that
 * breaks off mid-body resets the client connection: the head is already out, and a truncated body must never look
 * complete. One object per request, which is also its message handler and abort action.
 */
final class BackendCall extends BackendDeadlines.Watch implements Handler<Object>, Runnable {
    private final Exchange exchange;
    private final BackendChannel channel;
    private final ContextInternal context;
    private final RuntimeConfig config;
    private final BiConsumer<Exchange, Throwable> failed;
    private final long sent;
    /** The request sent was a HEAD (whatever the client's method): its answer has no body. */
    private final boolean headRequest;
    private UploadRelay upload;
    private boolean headSent;
    private boolean informational;
    private boolean reusable;
    private boolean closeAfterEnd;
    private boolean released;

    BackendCall(Exchange exchange, BackendChannel channel, ContextInternal context, RuntimeConfig config,
                BiConsumer<Exchange, Throwable> failed, long sent, HttpMethod method) {
        this.exchange = exchange;
        this.channel = channel;
        this.context = context;
        this.config = config;
        this.failed = failed;
        this.sent = sent;
        this.headRequest = method == HttpMethod.HEAD;
    }

    ContextInternal context() {
        return context;
    }

    /** The upload that streams the client's body on this call, if any: the connection is reusable after it ended. */
    void upload(UploadRelay upload) {
        this.upload = upload;
    }

    /** A message from the backend connection: a part of the response, a reason it broke, or room for the upload. */
    @Override
    public void handle(Object msg) {
        if (msg instanceof HttpObject part) received(part);
        else if (msg == BackendChannel.WRITABLE) {
            if (upload != null) upload.writable();
        } else if (msg instanceof Throwable err) broke(err);
        else ReferenceCountUtil.release(msg);
    }

    /** The client abandoned the exchange: the backend exchange (and its connection) must not stay half done. */
    @Override
    public void run() {
        done();
        release(false);
    }

    /** Silent longer than {@code backendTimeoutMs}: before the head this answers 504, after it the client is reset. */
    @Override
    void expired() {
        if (released) return;
        release(false);
        if (!headSent) failed.accept(exchange, GatewayException.upstreamTimeout(config.backendTimeoutMs()));
        else resetClient();
    }

    /** The connection broke (closed, reset, TLS or decoding failure): before the head 503, after it a reset. */
    void broke(Throwable err) {
        if (released) return;
        done();
        release(false);
        if (!headSent) failed.accept(exchange, GatewayException.upstreamUnavailable(UpstreamForwarder.describe(err)));
        else resetClient();
    }

    private void received(HttpObject part) {
        if (released) { // aborted or expired: what still arrives belongs to nobody
            ReferenceCountUtil.release(part);
            return;
        }
        if (part.decoderResult().isFailure()) {
            ReferenceCountUtil.release(part);
            broke(part.decoderResult().cause());
            return;
        }
        if (part instanceof HttpResponse head) head(head);
        if (part instanceof HttpContent content) content(content);
    }

    private void head(HttpResponse head) {
        int status = head.status().code();
        if (status < 200) { // 1xx: an interim answer (the gateway asked for none); the final one follows
            informational = true;
            return;
        }
        touch();
        exchange.backendTime(System.nanoTime() - sent);
        headSent = true;
        reusable = HttpUtil.isKeepAlive(head) && framed(head);
        relay(head, status);
    }

    private void content(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (informational) {
            content.release();
            if (last) informational = false;
            return;
        }
        touch();
        HttpServerResponse response = exchange.request().response();
        ByteBuf bytes = content.content();
        if (!bytes.isReadable() || response.closed()) {
            content.release();
            if (last) ended(null);
            return;
        }
        // a heap copy, as Vert.x's own client makes: the decoder's buffer goes back to its allocator at once
        Buffer chunk = BufferInternal.buffer(VertxByteBufAllocator.DEFAULT.heapBuffer(bytes.readableBytes())
            .writeBytes(bytes));
        content.release();
        if (exchange.capture() != null) exchange.capture().response(chunk);
        if (last) {
            ended(chunk);
            return;
        }
        response.write(chunk);
        if (response.writeQueueFull()) channel.channel().config().setAutoRead(false);
    }

    /** The response body ended (its last part, if any, in hand): the backend owes nothing more. */
    private void ended(Buffer last) {
        done();
        boolean uploading = upload != null && !upload.ended();
        release(reusable && !uploading);
        if (uploading) upload.abandon(); // answered early (e.g. 413): the rest of the body is read and dropped
        HttpServerResponse response = exchange.request().response();
        if (response.closed() || response.ended()) return;
        var ending = last == null ? response.end() : response.end(last);
        if (closeAfterEnd) ending.onComplete(ar -> exchange.request().connection().close());
    }

    private void resetClient() {
        HttpServerResponse response = exchange.request().response();
        if (!response.closed() && !response.ended()) exchange.lifecycle().resetResponse();
    }

    /** The client's write queue drained: read the backend again. */
    private void resume() {
        if (!released) channel.channel().config().setAutoRead(true);
    }

    /**
     * Gives the connection back once: an abort after the end (the client left while the last bytes went out) must
     * not close a connection that already serves another exchange.
     */
    private void release(boolean keepAlive) {
        if (released) return;
        released = true;
        channel.release(keepAlive);
    }

    private void relay(HttpResponse head, int status) {
        HttpServerRequest in = exchange.request();
        HttpServerResponse response = in.response();
        response.setStatusCode(status);
        response.setStatusMessage(head.status().reasonPhrase());
        HopByHop.copy(VertxHeaders.of(head.headers()), response.headers());
        boolean unsized = !response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(in, status);
        if (unsized) response.setChunked(true); // ignored by Vert.x for HTTP/1.0 clients
        // HTTP/1.0 has no chunking: an unsized body can only end with the connection, even if the client asked
        // for keep-alive (it would otherwise wait forever for the end of the body)
        closeAfterEnd = (unsized && in.version() == HttpVersion.HTTP_1_0) || HopByHop.asksToCloseInList(in.headers());
        if (closeAfterEnd) response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        exchange.lifecycle().onDrain(this::resume);
    }

    /** Whether the body's end is known without the connection closing (so the connection can serve another call). */
    private boolean framed(HttpResponse head) {
        io.netty.handler.codec.http.HttpHeaders h = head.headers();
        int status = head.status().code();
        return h.contains(HttpHeaders.CONTENT_LENGTH) || HttpUtil.isTransferEncodingChunked(head)
            || headRequest || status == 204 || status == 304;
    }

    /** RFC 9110 §6.4.1: no body (so no chunked framing) for HEAD, 1xx, 204 and 304. */
    private static boolean mayHaveBody(HttpServerRequest in, int status) {
        return in.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }
}
