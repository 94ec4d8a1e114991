package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig.EncodedSeparators;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The runtime entry point for {@code /gateway/{apiName}/{apiVersion}/{resourcePath}}: takes the admitted request into
 * its {@link ExchangeLifecycle}, finds the API in the current route table, checks resource and method, runs the policy
 * chain and forwards. Works on the raw request (no router, no body handler) so the body streams through untouched.
 */
public final class GatewayHandler {
    public static final String PREFIX = "/gateway/";

    private final RouteRegistry routes;
    private final UpstreamForwarder forwarder;
    private final Admission admission;
    private final ExchangeObserver[] observers;
    private final FaultInjection faults;
    private final EncodedSeparators encodedSeparators;

    public GatewayHandler(Vertx vertx, RouteRegistry routes, UpstreamForwarder forwarder, Admission admission,
                          List<ExchangeObserver> observers, BackendFaults faults, EncodedSeparators encodedSeparators) {
        this.encodedSeparators = encodedSeparators;
        this.routes = routes;
        this.forwarder = forwarder;
        this.admission = admission;
        this.observers = observers.toArray(new ExchangeObserver[0]);
        this.faults = new FaultInjection(vertx, faults);
    }

    /** Handles a request already counted in by admission; it is counted out when its exchange ends. */
    public void handle(HttpServerRequest request) {
        request.pause(); // policies and connection set-up are async; keep body bytes until they are forwarded
        ExchangeLifecycle lifecycle = ExchangeLifecycle.begin(request, admission, observers);
        try {
            route(request, lifecycle);
        } catch (RuntimeException e) { // a bug must still answer (500) rather than leave the client waiting
            fail(request, null, e);
        }
    }

    private void route(HttpServerRequest request, ExchangeLifecycle lifecycle) {
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
        CompiledApi api = routes.current().find(name, version);
        if (api == null) {
            fail(request, null, GatewayException.apiNotFound(path));
            return;
        }
        String resource;
        try { // decided and forwarded on the normalised path only: no dot-segment or encoded slash reaches a backend
            resource = ResourcePaths.normalise(versionEnd < 0 ? "/" : path.substring(versionEnd), encodedSeparators);
        } catch (GatewayException e) {
            fail(request, null, e);
            return;
        }
        Exchange exchange = new Exchange(lifecycle, api, resource);
        lifecycle.observe(exchange);
        run(exchange);
    }

    private void run(Exchange exchange) {
        HttpServerRequest request = exchange.request();
        ResourceMatcher.Match match = exchange.api().resources().match(exchange.resourcePath());
        exchange.operation(match.resource());
        if (match.resource() == null) {
            fail(request, exchange, GatewayException.resourceNotFound(exchange.resourcePath()));
        } else if (!match.allows(request.method().name())) {
            fail(request, exchange, GatewayException.methodNotAllowed(request.method().name(), String.join(", ", match.methods())));
        } else {
            var policies = exchange.api().chain().execute(exchange);
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

    private void forward(Exchange exchange) {
        if (exchange.lifecycle().finished()) return; // the client left while the policies decided
        MockResponses mock = exchange.api().mock();
        if (mock != null) {
            mock.respond(exchange); // a mocked API answers from its definition and never calls the backend
            return;
        }
        ApiFault fault = faults.of(exchange);
        if (fault == null) send(exchange); // the common case, without a closure per request
        else faults.around(exchange, fault, () -> send(exchange), err -> fail(exchange, err));
    }

    private void send(Exchange exchange) {
        try {
            forwarder.forward(exchange, GatewayHandler::fail); // a static reference: one instance for all requests
        } catch (RuntimeException e) { // e.g. a request the HTTP client refuses to build: answer, never hang
            fail(exchange, e);
        }
    }

    private static void fail(Exchange exchange, Throwable err) {
        fail(exchange.request(), exchange, err);
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
