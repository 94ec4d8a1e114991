package dev.apigw.emulator.catalog;

import dev.apigw.emulator.config.DefinitionImportConfig;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.InetAddress;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a definition for {@code POST /apis} with a {@code url}: within {@code timeoutMs} in all, at most
 * {@code maxBytes}, following at most {@code maxRedirects} redirects itself so each hop passes the same checks (http or
 * https; host allowed by {@link HostRules} by name, by every resolved address, and by the address connected to),
 * certificates verified unless {@code trustAll}. The client learns only "not allowed", "too large" or "could not be
 * downloaded": connection details (refused, timed out, TLS) go to the log, so the endpoint cannot map a network.
 */
final class DefinitionFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionFetcher.class);
    private final Vertx vertx;
    private final DefinitionImportConfig config;
    private final HostRules rules;
    private final HttpClient client;

    DefinitionFetcher(Vertx vertx, DefinitionImportConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.rules = new HostRules(config);
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) Math.min(config.timeoutMs(), 10_000))
            .setTrustAll(config.trustAll()).setVerifyHost(!config.trustAll()).setKeepAlive(false));
    }

    Future<String> fetch(String url) {
        long deadline = System.nanoTime() + config.timeoutMs() * 1_000_000;
        return hop(url, 0, deadline);
    }

    private Future<String> hop(String url, int redirects, long deadline) {
        URI uri = parse(url);
        if (uri == null) return Future.failedFuture(GatewayException.invalidPayload("url must be an absolute http(s) URL"));
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
            .recover(err -> Future.failedFuture(unreachable(url, err)))
            .compose(addresses -> {
                for (InetAddress a : addresses) {
                    if (!rules.allows(host, a)) return Future.failedFuture(notAllowed(url));
                }
                return request(uri, host, deadline);
            })
            .compose(resp -> answer(url, host, resp, redirects, deadline));
    }

    private Future<HttpClientResponse> request(URI uri, String host, long deadline) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                .setIdleTimeout(left).setFollowRedirects(false))
            .compose(req -> {
                long timer = vertx.setTimer(left, t -> req.reset());
                return req.send().onComplete(ar -> vertx.cancelTimer(timer));
            })
            .recover(err -> Future.failedFuture(unreachable(uri.toString(), err)));
    }

    private Future<String> answer(String url, String host, HttpClientResponse resp, int redirects, long deadline) {
        var peer = resp.request().connection().remoteAddress();
        try {
            if (peer != null && peer.hostAddress() != null && !rules.allows(host, InetAddress.getByName(peer.hostAddress()))) {
                resp.request().reset();
                return Future.failedFuture(notAllowed(url));
            }
        } catch (java.net.UnknownHostException e) {
            return Future.failedFuture(unreachable(url, e));
        }
        int status = resp.statusCode();
        String location = resp.getHeader("Location");
        if (status >= 300 && status < 400 && location != null) {
            resp.request().connection().close();
            if (System.nanoTime() > deadline) return Future.failedFuture(unreachable(url, new java.util.concurrent.TimeoutException()));
            if (redirects >= config.maxRedirects()) {
                return Future.failedFuture(GatewayException.invalidPayload("the definition URL redirects more than "
                    + config.maxRedirects() + " times"));
            }
            return hop(URI.create(url).resolve(location).toString(), redirects + 1, deadline);
        }
        if (status != 200) {
            resp.request().connection().close();
            LOG.info("definition import from {} answered HTTP {}", url, status);
            return Future.failedFuture(GatewayException.invalidPayload("the definition could not be downloaded from the URL"
                + " (HTTP status " + status + ")"));
        }
        return body(url, resp);
    }

    /** The body, or a failure as soon as it passes {@code maxBytes} (nothing more is read). */
    private Future<String> body(String url, HttpClientResponse resp) {
        Promise<String> done = Promise.promise();
        Buffer buf = Buffer.buffer();
        resp.handler(chunk -> {
            if (buf.length() + chunk.length() > config.maxBytes()) {
                done.tryFail(GatewayException.invalidPayload("the definition at the URL is larger than "
                    + config.maxBytes() + " bytes"));
                resp.request().reset(); // after the failure: the reset's own exception must not replace it
                return;
            }
            buf.appendBuffer(chunk);
        });
        resp.exceptionHandler(err -> done.tryFail(unreachable(url, err)));
        resp.endHandler(v -> done.tryComplete(buf.toString()));
        return done.future();
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static GatewayException notAllowed(String url) {
        LOG.info("definition import from {} refused: host not allowed (definitionImport settings)", url);
        return GatewayException.invalidPayload("the URL's host is not allowed for definition import");
    }

    private static GatewayException unreachable(String url, Throwable err) {
        if (err instanceof GatewayException ge) return ge;
        LOG.info("definition import from {} failed: {}", url, err.toString());
        return GatewayException.invalidPayload("the definition could not be downloaded from the URL");
    }

    Future<Void> close() {
        return client.close();
    }
}
