package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.headers.Http1xHeaders;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;

/**
 * Sends an exchange to its routing target and streams the answer back, both bodies relayed without buffering. One
 * instance per event loop, each with its own keep-alive connections ({@link BackendConnections}: Netty channels with
 * HTTP/1.1 client codecs, below Vert.x's HTTP client, whose connection and stream layers cost a tenth of a request's
 * CPU; the client side stays Vert.x's HTTP server). A backend that cannot be reached, or no free connection within
 * {@code poolWaitTimeoutMs}, becomes 503; one silent for {@code backendTimeoutMs} after the upload ended becomes 504
 * ({@link BackendDeadlines}, one sweep per event loop, bounds the silences; a {@link BackendCall} carries each request
 * from the request head to the end of the response body). A request with a body asks for a connection only once its
 * first bytes arrived ({@link UploadRelay}). Callback style rather than composed futures, because this runs for every
 * request and each composition allocates. HTTPS backends are trusted without verification, as before: test backends
 * use self-signed certificates.
 */
public final class UpstreamForwarder {
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence ZERO = HttpHeaders.createOptimized("0");
    private final BackendConnections connections;
    private final RuntimeConfig config;
    private final Thread owner = Thread.currentThread();
    private final ContextInternal home;
    private final BackendDeadlines deadlines;

    public UpstreamForwarder(Vertx vertx, RuntimeConfig config) {
        this.config = config;
        this.home = (ContextInternal) vertx.getOrCreateContext();
        this.deadlines = new BackendDeadlines(vertx, config.backendTimeoutMs());
        deadlines.start();
        this.connections = new BackendConnections(vertx, config, trustAll());
    }

    /**
     * Failures before the response head was written reach {@code failed} as a GatewayException; later ones reset the
     * connections, since a truncated body must never look complete.
     */
    public void forward(Exchange exchange, BiConsumer<Exchange, Throwable> failed) {
        if (Thread.currentThread() != owner) { // e.g. a policy that decided on another loop: the connections live here
            home.runOnContext(v -> forward(exchange, failed));
            return;
        }
        HttpServerRequest in = exchange.request();
        RoutingTarget target = exchange.api().routing();
        if (target == null) {
            failed.accept(exchange,
                GatewayException.upstreamUnavailable("no native endpoint is configured for the API"));
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

    private void connect(Exchange exchange, RoutingTarget target, UploadRelay upload,
                         BiConsumer<Exchange, Throwable> failed) {
        if (exchange.lifecycle().finished()) return; // the client left before its body began
        HttpServerRequest in = exchange.request();
        String uri = target.uri(exchange.resourcePath(), in.query());
        exchange.nativeUri(uri);
        connections.acquire(target, (channel, err) -> {
            if (err != null) failed.accept(exchange, connectFailure(err));
            else if (exchange.lifecycle().finished()) channel.release(true); // the client left while it waited
            else {
                try {
                    send(exchange, in, channel, target, upload, failed);
                } catch (RuntimeException e) { // e.g. a header value Netty refuses: answer, never hang
                    channel.release(false);
                    failed.accept(exchange, e);
                }
            }
        });
    }

    /**
     * Writes the request head (and, without a body, the whole request) on the connection just acquired, now or after
     * a wait; always on this forwarder's event loop ({@link BackendConnections#acquire} answers there).
     */
    private void send(Exchange exchange, HttpServerRequest in, BackendChannel channel, RoutingTarget target,
                      UploadRelay upload, BiConsumer<Exchange, Throwable> failed) {
        HttpMethod method = target.keepsMethod() ? in.method() : HttpMethod.valueOf(target.method());
        Http1xHeaders headers = VertxHeaders.create();
        HopByHop.copy(in.headers(), headers);
        headers.set(HttpHeaders.HOST, target.hostHeader());
        addForwardedHeaders(in, headers);
        if (exchange.hasUpstreamHeaders()) exchange.upstreamHeaders().forEach(headers::set);
        long sent = System.nanoTime();
        BackendCall call = new BackendCall(exchange, channel, home, config, failed, sent, method);
        channel.serve(call);
        exchange.lifecycle().onAbort(call);
        Channel out = channel.channel();
        if (upload == null) {
            // a body-less POST, PUT or PATCH still says so, as Vert.x's client did (some servers insist on a length)
            if (expectsLength(method)) headers.set(HttpHeaders.CONTENT_LENGTH, ZERO);
            out.writeAndFlush(new DefaultFullHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                method.toNetty(), exchange.nativeUri(), Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE),
                out.voidPromise());
            deadlines.watch(call, sent);
            return;
        }
        if (!headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            headers.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
        out.write(new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, method.toNetty(),
            exchange.nativeUri(), headers), out.voidPromise());
        call.upload(upload);
        // the backend timeout runs from the end of the upload (a long upload is not a silent backend), and then
        // also bounds silences within the response body
        upload.to(out, () -> deadlines.watch(call, System.nanoTime()));
    }

    private static boolean expectsLength(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
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

    /** The failure's message, without the native transport's name of the system call that failed. */
    static String describe(Throwable err) {
        String message = err.getMessage();
        if (message == null) return err.getClass().getSimpleName();
        int call = message.startsWith("finishConnect(") ? message.indexOf(" failed: ") : -1;
        return call < 0 ? message : message.substring(call + " failed: ".length());
    }

    /** HTTPS backends: any certificate, no host name check (test backends are self-signed), as before. */
    private static SslContext trustAll() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("no TLS client context: " + e.getMessage(), e);
        }
    }

    public Future<Void> close() {
        deadlines.stop();
        return connections.close();
    }
}
