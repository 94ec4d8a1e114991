package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.vertx.core.Completable;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One exchange's call to its backend, from the request written to the end of the response: it receives the response
 * head, relays it to the client, aborts the call when the client leaves, and is the call's entry in the forwarder's
 * {@link BackendDeadlines}. One object per request for what were three closures and a timer.
 */
final class BackendCall extends BackendDeadlines.Watch implements Completable<HttpClientResponse>, Runnable {
    private final Exchange exchange;
    private final HttpClientRequest out;
    private final RuntimeConfig config;
    private final BiConsumer<Exchange, Throwable> failed;
    private final long sent;
    private final BackendConnections.Pooled connection;
    private boolean released;

    BackendCall(Exchange exchange, HttpClientRequest out, BackendConnections.Pooled connection, RuntimeConfig config,
                BiConsumer<Exchange, Throwable> failed, long sent) {
        this.exchange = exchange;
        this.out = out;
        this.connection = connection;
        this.config = config;
        this.failed = failed;
        this.sent = sent;
    }

    /** The response head, or why there is none. */
    @Override
    public void complete(HttpClientResponse back, Throwable err) {
        if (err != null) {
            failed();
            failed.accept(exchange, mapFailure(err));
            return;
        }
        touch();
        exchange.backendTime(System.nanoTime() - sent);
        relay(back);
    }

    /** The client abandoned the exchange: the backend exchange (and its pooled connection) must not stay half done. */
    @Override
    public void run() {
        done();
        out.reset();
        release(false);
    }

    /** The response body ended: the backend owes nothing more, and its connection may serve the next exchange. */
    void ended(HttpClientResponse back) {
        done();
        release(HopByHop.keepsAlive(back.version(), back.headers()));
    }

    /** The call broke off: nothing more comes, and its connection is not reused. */
    void failed() {
        done();
        release(false);
    }

    /**
     * Gives the connection back once: an abort after the end (the client left while the last bytes went out) must
     * not close a connection that already serves another exchange.
     */
    private void release(boolean keepAlive) {
        if (released) return;
        released = true;
        connection.release(keepAlive);
    }

    /** Silent longer than {@code backendTimeoutMs}: before the head this answers 504, after it the client is reset. */
    @Override
    void expired() {
        out.reset(0, new BackendSilence(config.backendTimeoutMs()));
        release(false);
    }

    private void relay(HttpClientResponse back) {
        HttpServerRequest in = exchange.request();
        HttpServerResponse response = in.response();
        int status = back.statusCode();
        response.setStatusCode(status);
        if (back.statusMessage() != null) response.setStatusMessage(back.statusMessage());
        HopByHop.copy(back.headers(), response.headers());
        boolean unsized = !response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(in, status);
        if (unsized) response.setChunked(true); // ignored by Vert.x for HTTP/1.0 clients
        // HTTP/1.0 has no chunking: an unsized body can only end with the connection, even if the client asked
        // for keep-alive (it would otherwise wait forever for the end of the body)
        boolean close = (unsized && in.version() == HttpVersion.HTTP_1_0) || HopByHop.asksToCloseInList(in.headers());
        if (close) response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        BodyRelay.start(back, exchange.lifecycle(), response, exchange.capture(), this,
            close ? () -> in.connection().close() : null);
    }

    /** RFC 9110 §6.4.1: no body (so no chunked framing) for HEAD, 1xx, 204 and 304. */
    private static boolean mayHaveBody(HttpServerRequest in, int status) {
        return in.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    /** After a connection was obtained: a timeout is a silent backend (504), anything else a lost one (503). */
    private GatewayException mapFailure(Throwable err) {
        if (err instanceof GatewayException ge) return ge;
        if (err instanceof TimeoutException) return GatewayException.upstreamTimeout(config.backendTimeoutMs());
        return GatewayException.upstreamUnavailable(UpstreamForwarder.describe(err));
    }

    /** Why a silent backend's call was reset; a timeout like Vert.x's own, without a stack trace to fill. */
    static final class BackendSilence extends TimeoutException {
        BackendSilence(long timeoutMs) {
            super("the native service sent nothing for " + timeoutMs + " ms");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
