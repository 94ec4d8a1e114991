package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Sends an exchange to its routing target and streams the answer back, both bodies relayed without buffering. One
 * instance per event loop, each with its own keep-alive connections ({@link BackendConnections}). A backend that
 * cannot be reached, or no free connection within {@code poolWaitTimeoutMs}, becomes 503; one silent for {@code backendTimeoutMs} after the
 * upload ended becomes 504 ({@link BackendDeadlines}, one sweep per event loop, bounds the silences; a
 * {@link BackendCall} carries each request from the response head to the end of its body). A request with a body
 * asks for a connection only once its first bytes arrived ({@link UploadRelay}). Callback style rather than composed
 * futures, because this runs for every request and each composition allocates; the callbacks are two-argument
 * {@code Completable}s, which Vert.x stores as they are (a {@code Handler<AsyncResult>} gets wrapped in one more object
 * per registration).
 */
public final class UpstreamForwarder {
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final Handler<Throwable> IGNORE = err -> { };
    private final HttpClientAgent client;
    private final BackendConnections connections;
    private final RuntimeConfig config;
    /**
     * The options of each request, reused: the connection reads them while {@code request} runs and keeps nothing.
     * Only used on the event loop that made this forwarder, where every connection is handed out.
     */
    private final RequestOptions options = new RequestOptions();
    private final Thread owner = Thread.currentThread();
    private final BackendDeadlines deadlines;

    public UpstreamForwarder(Vertx vertx, RuntimeConfig config) {
        this.config = config;
        // connections come from client.connect (BackendConnections keeps them), so the client's own pool stays unused
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
            .setConnectTimeout(config.connectTimeoutMs()).setTrustAll(true).setVerifyHost(false));
        this.deadlines = new BackendDeadlines(vertx, config.backendTimeoutMs());
        deadlines.start();
        this.connections = new BackendConnections(vertx, client, config);
    }

    /**
     * Failures before the response head was written reach {@code failed} as a GatewayException; later ones reset the
     * connections, since a truncated body must never look complete.
     */
    public void forward(Exchange exchange, BiConsumer<Exchange, Throwable> failed) {
        HttpServerRequest in = exchange.request();
        RoutingTarget target = exchange.api().routing();
        if (target == null) {
            failed.accept(exchange, GatewayException.upstreamUnavailable("no native endpoint is configured for the API"));
            return;
        }
        if (!hasBody(in)) {
            connect(exchange, target, null, failed);
            return;
        }
        // the client's Expect was not forwarded (hop-by-hop here): invite the body, whose first bytes open the way
        if (in.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) in.response().writeContinue();
        UploadRelay upload = new UploadRelay(in, exchange.capture());
        upload.awaitFirstBytes(() -> connect(exchange, target, upload, failed));
    }

    private void connect(Exchange exchange, RoutingTarget target, UploadRelay upload, BiConsumer<Exchange, Throwable> failed) {
        if (exchange.lifecycle().finished()) return; // the client left before its body began
        HttpServerRequest in = exchange.request();
        String uri = target.uri(exchange.resourcePath(), in.query());
        exchange.nativeUri(uri);
        connections.acquire(target, (connection, err) -> {
            if (err != null) failed.accept(exchange, connectFailure(err));
            else if (exchange.lifecycle().finished()) connection.release(true); // the client left while it waited
            else request(exchange, in, connection, target, upload, failed);
        });
    }

    /**
     * On the connection just acquired (now, or after a wait: so the request's options are made here, not before).
     * Always on this forwarder's event loop ({@link BackendConnections#acquire} answers there), so the shared options
     * need no fallback.
     */
    private void request(Exchange exchange, HttpServerRequest in, BackendConnections.Pooled connection,
                         RoutingTarget target, UploadRelay upload, BiConsumer<Exchange, Throwable> failed) {
        options.setMethod(target.keepsMethod() ? in.method() : HttpMethod.valueOf(target.method()))
            .setURI(exchange.nativeUri());
        connection.connection.request(options).onComplete((out, err) -> {
            if (err == null) {
                send(exchange, in, out, connection, target, upload, failed);
                return;
            }
            connection.release(false);
            failed.accept(exchange, connectFailure(err));
        });
    }

    private void send(Exchange exchange, HttpServerRequest in, HttpClientRequest out,
                      BackendConnections.Pooled connection, RoutingTarget target, UploadRelay upload,
                      BiConsumer<Exchange, Throwable> failed) {
        MultiMap headers = out.headers();
        HopByHop.copy(in.headers(), headers);
        headers.set(HttpHeaders.HOST, target.hostHeader());
        addForwardedHeaders(in, headers);
        if (exchange.hasUpstreamHeaders()) exchange.upstreamHeaders().forEach(headers::set);
        out.exceptionHandler(IGNORE); // failures reach us through out.response(); this only silences the log
        long sent = System.nanoTime();
        BackendCall call = new BackendCall(exchange, out, connection, config, failed, sent);
        exchange.lifecycle().onAbort(call);
        if (upload != null && !headers.contains(HttpHeaders.CONTENT_LENGTH)) out.setChunked(true);
        // the backend timeout runs from the end of the upload (a long upload is not a silent backend), and then
        // also bounds silences within the response body
        if (upload == null) {
            out.end(); // a failed write fails the response too, reported below
            awaitAnswer(call, out, sent);
        } else {
            upload.sent().onComplete((v, err) -> {
                if (err == null) awaitAnswer(call, out, System.nanoTime());
                else out.reset();
            });
            upload.to(out);
        }
        out.response().onComplete(call);
    }

    /** The sweep of this event loop bounds the silence; a call made from any other thread gets a timer of its own. */
    private void awaitAnswer(BackendCall call, HttpClientRequest out, long since) {
        if (Thread.currentThread() == owner) deadlines.watch(call, since);
        else out.idleTimeout(config.backendTimeoutMs());
    }

    private static boolean hasBody(HttpServerRequest in) {
        MultiMap h = in.headers();
        return h.contains(HttpHeaders.CONTENT_LENGTH) || h.contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static void addForwardedHeaders(HttpServerRequest in, MultiMap out) {
        String client = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        String prior = in.headers().get(X_FORWARDED_FOR);
        out.set(X_FORWARDED_FOR, prior == null ? client : prior + ", " + client);
        out.set(X_FORWARDED_PROTO, in.scheme() == null ? "http" : in.scheme());
        String host = in.headers().get(HttpHeaders.HOST);
        if (host != null) out.set(X_FORWARDED_HOST, host);
    }

    /** No connection: refused, unreachable, or none free in the pool in time (503 either way). */
    private GatewayException connectFailure(Throwable err) {
        if (err instanceof TimeoutException) {
            return GatewayException.upstreamUnavailable("no connection to the native service became free within "
                + config.poolWaitTimeoutMs() + " ms");
        }
        return GatewayException.upstreamUnavailable(describe(err));
    }

    static String describe(Throwable err) {
        return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    }

    public Future<Void> close() {
        deadlines.stop();
        return connections.close().eventually(client::close);
    }
}
