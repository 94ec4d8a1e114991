package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeoutException;

/**
 * Sends an exchange to its routing target and streams the answer back, both bodies piped without buffering. One
 * instance per event loop, each with its own keep-alive connection pool. Connection failures become 503, a backend
 * silent for {@code backendTimeoutMs} becomes 504.
 */
public final class UpstreamForwarder {
    private final HttpClient client;
    private final RuntimeConfig config;

    public UpstreamForwarder(Vertx vertx, RuntimeConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(config.connectTimeoutMs()).setTrustAll(true).setVerifyHost(false),
            new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerBackend()).setMaxWaitQueueSize(-1));
    }

    /** Completes when the response has been fully relayed; fails with a GatewayException before the head is sent. */
    public Future<Void> forward(Exchange exchange) {
        HttpServerRequest in = exchange.request();
        RoutingTarget target = exchange.api().routing();
        if (target == null) {
            return Future.failedFuture(GatewayException.upstreamUnavailable("no native endpoint is configured for the API"));
        }
        RequestOptions options = new RequestOptions()
            .setMethod(HttpMethod.valueOf(target.methodFor(in.method().name())))
            .setSsl(target.ssl()).setHost(target.host()).setPort(target.port())
            .setURI(target.uri(exchange.resourcePath(), in.query()));
        return client.request(options)
            .recover(err -> Future.failedFuture(GatewayException.upstreamUnavailable(describe(err))))
            .compose(out -> send(exchange, in, out, target));
    }

    private Future<Void> send(Exchange exchange, HttpServerRequest in, HttpClientRequest out, RoutingTarget target) {
        HopByHop.copy(in.headers(), out.headers());
        out.putHeader("Host", target.hostHeader());
        addForwardedHeaders(in, out);
        exchange.upstreamHeaders().forEach(out::putHeader);
        out.exceptionHandler(err -> { }); // failures reach us through out.response(); this only silences the log
        // a client that goes away must not leave the backend exchange (and its pooled connection) half done
        in.response().closeHandler(v -> out.reset());
        boolean body = hasBody(in);
        if (!out.headers().contains("Content-Length")) out.setChunked(body);
        long sent = System.nanoTime();
        // the client's Expect was not forwarded (hop-by-hop here): invite the body now that a backend is there
        if (in.headers().contains("Expect", "100-continue", true)) in.response().writeContinue();
        // endOnFailure(false): a client that aborts mid-upload must reset the upstream request, not end it as if
        // the truncated body were complete
        Future<Void> requestSent = body ? in.pipe().endOnFailure(false).to(out) : out.end();
        // the backend timeout runs from the end of the upload (a long upload is not a silent backend), and then
        // also bounds silences within the response body
        requestSent.onComplete(ar -> {
            if (ar.succeeded()) out.idleTimeout(config.backendTimeoutMs());
            else out.reset();
        });
        return out.response().recover(err -> Future.failedFuture(mapFailure(err)))
            .compose(back -> {
                exchange.backendTime(System.nanoTime() - sent);
                return relay(exchange, in, back);
            });
    }

    private static boolean hasBody(HttpServerRequest in) {
        return in.headers().contains("Content-Length") || in.headers().contains("Transfer-Encoding");
    }

    private static void addForwardedHeaders(HttpServerRequest in, HttpClientRequest out) {
        String client = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        String prior = in.headers().get("X-Forwarded-For");
        out.putHeader("X-Forwarded-For", prior == null ? client : prior + ", " + client);
        out.putHeader("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        String host = in.headers().get("Host");
        if (host != null) out.putHeader("X-Forwarded-Host", host);
    }

    private Future<Void> relay(Exchange exchange, HttpServerRequest in, HttpClientResponse back) {
        HttpServerResponse response = in.response();
        int status = back.statusCode();
        response.setStatusCode(status);
        if (back.statusMessage() != null) response.setStatusMessage(back.statusMessage());
        HopByHop.copy(back.headers(), response.headers());
        exchange.responseHeaders().forEach(response::putHeader);
        boolean unsized = !response.headers().contains("Content-Length") && mayHaveBody(in, status);
        if (unsized) response.setChunked(true); // ignored by Vert.x for HTTP/1.0 clients
        // HTTP/1.0 has no chunking: an unsized body can only end with the connection, even if the client asked
        // for keep-alive (it would otherwise wait forever for the end of the body)
        boolean close = (unsized && in.version() == HttpVersion.HTTP_1_0) || HopByHop.asksToCloseInList(in.headers());
        if (close) response.putHeader("Connection", "close");
        // endOnFailure(false): a backend that breaks off mid-body must reset the client connection (the caller
        // does), never end the response as if the truncated body were complete
        Future<Void> relayed = back.pipe().endOnFailure(false).to(response).onFailure(err -> back.request().reset());
        if (close) ErrorResponder.closeAfter(in, relayed);
        return relayed;
    }

    /** RFC 9110 §6.4.1: no body (so no chunked framing) for HEAD, 1xx, 204 and 304. */
    private static boolean mayHaveBody(HttpServerRequest in, int status) {
        return in.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    /** After a connection was obtained: a timeout is a silent backend (504), anything else a lost one (503). */
    private GatewayException mapFailure(Throwable err) {
        if (err instanceof GatewayException ge) return ge;
        if (err instanceof TimeoutException) return GatewayException.upstreamTimeout(config.backendTimeoutMs());
        return GatewayException.upstreamUnavailable(describe(err));
    }

    private static String describe(Throwable err) {
        return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    }

    public Future<Void> close() {
        return client.close();
    }
}
