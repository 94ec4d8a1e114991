package dev.apigw.emulator.runtime;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * The runtime entry point for {@code /gateway/{apiName}/{apiVersion}/{resourcePath}}: finds the API in the current
 * route table, checks resource and method, runs the policy chain and forwards. Works on the raw request (no
 * router, no body handler) so the body streams through untouched.
 */
public final class GatewayHandler implements Handler<HttpServerRequest> {
    public static final String PREFIX = "/gateway/";

    private final RouteRegistry routes;
    private final UpstreamForwarder forwarder;
    private final ExchangeObserver[] observers;

    public GatewayHandler(RouteRegistry routes, UpstreamForwarder forwarder, List<ExchangeObserver> observers) {
        this.routes = routes;
        this.forwarder = forwarder;
        this.observers = observers.toArray(new ExchangeObserver[0]);
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.pause(); // policies and connection set-up are async; keep body bytes until they are forwarded
        String path = request.path();
        int nameEnd = path.indexOf('/', PREFIX.length());
        int versionEnd = nameEnd < 0 ? -1 : path.indexOf('/', nameEnd + 1);
        if (nameEnd < 0) {
            fail(request, null, GatewayException.apiNotFound(path));
            return;
        }
        String name;
        String version;
        try {
            name = decode(path.substring(PREFIX.length(), nameEnd));
            version = decode(versionEnd < 0 ? path.substring(nameEnd + 1) : path.substring(nameEnd + 1, versionEnd));
        } catch (IllegalArgumentException e) {
            fail(request, null, GatewayException.badRequest("The API name or version in " + path + " is not valid URL encoding"));
            return;
        }
        String resourcePath = versionEnd < 0 ? "/" : path.substring(versionEnd);
        CompiledApi api = routes.current().find(name, version);
        if (api == null) {
            fail(request, null, GatewayException.apiNotFound(path));
            return;
        }
        Exchange exchange = new Exchange(request, api, resourcePath);
        if (observers.length > 0) observe(exchange);
        ResourceMatcher.Match match = api.resources().match(resourcePath);
        if (match.resource() == null) {
            fail(request, exchange, GatewayException.resourceNotFound(resourcePath));
        } else if (!match.allows(request.method().name())) {
            fail(request, exchange, GatewayException.methodNotAllowed(request.method().name(), String.join(", ", match.methods())));
        } else {
            var policies = api.chain().execute(exchange);
            if (policies.succeeded()) {
                forward(exchange); // the common case: every policy decided synchronously
            } else {
                policies.onComplete(ar -> {
                    if (ar.succeeded()) forward(exchange);
                    else fail(request, exchange, ar.cause());
                });
            }
        }
    }

    private void observe(Exchange exchange) {
        // bodyEndHandler, because the response's single endHandler belongs to admission (in-flight counting)
        var response = exchange.request().response();
        response.bodyEndHandler(v -> notifyObservers(exchange, response.getStatusCode()));
    }

    private void notifyObservers(Exchange exchange, int status) {
        for (ExchangeObserver o : observers) o.completed(exchange, status);
    }

    private void forward(Exchange exchange) {
        MockResponses mock = exchange.api().mock();
        if (mock != null) {
            mock.respond(exchange); // a mocked API answers from its definition and never calls the backend
            return;
        }
        try {
            forwarder.forward(exchange, err -> fail(exchange.request(), exchange, err));
        } catch (RuntimeException e) { // e.g. a request the HTTP client refuses to build: answer, never hang
            fail(exchange.request(), exchange, e);
        }
    }

    private static void fail(HttpServerRequest request, Exchange exchange, Throwable err) {
        ErrorResponder.send(request, exchange, err);
        request.resume(); // let the unread body drain so the connection can be reused or closed cleanly
    }

    private static String decode(String segment) {
        return segment.indexOf('%') < 0 ? segment
            : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
