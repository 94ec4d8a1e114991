package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Sends an exchange to its routing target and streams the answer back, both bodies piped without buffering. One
 * instance per event loop, each with its own keep-alive connection pool. Connection failures become 503, a backend
 * silent for {@code backendTimeoutMs} becomes 504.
 */
public final class UpstreamForwarder {
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private final HttpClient client;
    private final RuntimeConfig config;

    public UpstreamForwarder(Vertx vertx, RuntimeConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(config.connectTimeoutMs()).setTrustAll(true).setVerifyHost(false),
            new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerBackend()).setMaxWaitQueueSize(-1));
    }

    /**
     * Sends the exchange upstream and relays the answer. Failures before the response head was written are handed
     * to {@code failed} as a GatewayException; later ones reset the client connection. Callback style rather than
     * composed futures, because this runs for every request and each composition allocates.
     */
    public void forward(Exchange exchange, Handler<Throwable> failed) {
        HttpServerRequest in = exchange.request();
        RoutingTarget target = exchange.api().routing();
        if (target == null) {
            failed.handle(GatewayException.upstreamUnavailable("no native endpoint is configured for the API"));
            return;
        }
        RequestOptions options = new RequestOptions()
            .setMethod(target.keepsMethod() ? in.method() : HttpMethod.valueOf(target.method()))
            .setSsl(target.ssl()).setHost(target.host()).setPort(target.port())
            .setURI(target.uri(exchange.resourcePath(), in.query()))
            .setIdleTimeout(config.backendTimeoutMs());
        client.request(options).onComplete(ar -> {
            if (ar.succeeded()) send(exchange, in, ar.result(), target, failed);
            else failed.handle(mapFailure(ar.cause()));
        });
    }

    private void send(Exchange exchange, HttpServerRequest in, HttpClientRequest out, RoutingTarget target,
                      Handler<Throwable> failed) {
        MultiMap headers = out.headers();
        HopByHop.copy(in.headers(), headers);
        headers.set(HttpHeaders.HOST, target.hostHeader());
        addForwardedHeaders(in, headers);
        exchange.upstreamHeaders().forEach(headers::set);
        boolean body = hasBody(in);
        if (body && !headers.contains(HttpHeaders.CONTENT_LENGTH)) out.setChunked(true);
        long sent = System.nanoTime();
        (body ? out.send(in) : out.send()).onComplete(ar -> {
            if (ar.failed()) {
                failed.handle(mapFailure(ar.cause()));
                return;
            }
            exchange.backendTime(System.nanoTime() - sent);
            relay(exchange, in.response(), ar.result());
        });
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

    private void relay(Exchange exchange, HttpServerResponse response, HttpClientResponse back) {
        response.setStatusCode(back.statusCode());
        if (back.statusMessage() != null) response.setStatusMessage(back.statusMessage());
        HopByHop.copy(back.headers(), response.headers());
        exchange.responseHeaders().forEach(response::putHeader);
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(back)) response.setChunked(true);
        BodyRelay.start(back, response);
    }

    /** 1xx, 204 and 304 responses and answers to HEAD carry no body, so they must not be sent chunked. */
    private static boolean mayHaveBody(HttpClientResponse back) {
        int status = back.statusCode();
        return status >= 200 && status != 204 && status != 304 && back.request().getMethod() != HttpMethod.HEAD;
    }

    private GatewayException mapFailure(Throwable err) {
        if (err instanceof GatewayException ge) return ge;
        if (err instanceof TimeoutException || err.getClass().getSimpleName().contains("Timeout")) {
            // a connect timeout means unreachable (503); a silent backend after connecting means 504
            return err.getMessage() != null && err.getMessage().toLowerCase().contains("connect")
                ? GatewayException.upstreamUnavailable(err.getMessage())
                : GatewayException.upstreamTimeout(config.backendTimeoutMs());
        }
        if (err instanceof ConnectException || err instanceof UnknownHostException
            || err.getCause() instanceof ConnectException) {
            return GatewayException.upstreamUnavailable(err.getMessage());
        }
        return GatewayException.upstreamUnavailable(err.getClass().getSimpleName() + ": " + err.getMessage());
    }

    public Future<Void> close() {
        return client.close();
    }
}
