package dev.apigw.emulator.runtime;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of runtime error responses, in the product's shape:
 * {@code {"Exception":"API Gateway encountered an error. Error Message:  <message>. Request Details: ..."}}.
 * Adds {@code WWW-Authenticate} on 401 and {@code Connection: close} on 5xx; if the head is already written it can
 * only reset the connection. Also the answer to requests the node no longer admits (quiescing).
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm:ss a", Locale.US);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private ErrorResponder() {
    }

    public static void send(HttpServerRequest request, Exchange exchange, Throwable error) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) return; // the client is gone: nobody to tell
        if (exchange != null && exchange.lifecycle().finished()) return; // aborted: a late backend failure changes nothing
        if (response.headWritten()) { // mid-body: only a reset tells the client the body is incomplete
            if (exchange != null) exchange.lifecycle().resetResponse();
            else response.reset();
            return;
        }
        GatewayException ge = error instanceof GatewayException g ? g : internal(error);
        if (exchange != null) exchange.failed(ge); // the key and status the events recorder reports
        response.headers().clear(); // a relay may have copied the backend's headers (Content-Length) before failing
        response.setStatusCode(ge.status()).putHeader("Content-Type", "application/json");
        ge.headers().forEach(response::putHeader); // the policies' own headers follow with the head (ExchangeLifecycle)
        if (ge.status() == 401 && !response.headers().contains("WWW-Authenticate")) {
            response.putHeader("WWW-Authenticate", "Basic realm=\"API Gateway\"");
        }
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (ge.status() >= 500 && http1) response.putHeader("Connection", "close"); // HTTP/2 forbids the header
        String body = new JsonObject().put("Exception", message(request, exchange, ge)).encode();
        if (exchange != null && exchange.capture() != null) exchange.capture().response(Buffer.buffer(body));
        Future<Void> written = response.end(body);
        if (ge.status() >= 500) closeAfter(request, written);
    }

    /**
     * Vert.x keeps an HTTP/1.1 connection open even when the response says {@code Connection: close}; a server-side
     * failure should move the client to a fresh connection, so close it once the response is written.
     */
    public static void closeAfter(HttpServerRequest request, Future<Void> written) {
        if (request.version() == HttpVersion.HTTP_2) return; // other streams share the connection
        written.onComplete(ar -> request.connection().close());
    }

    static String message(HttpServerRequest request, Exchange exchange, GatewayException ge) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String service = exchange == null ? "-" : exchange.api().name();
        String operation = exchange == null ? request.path() : exchange.resourcePath();
        String app = exchange == null || exchange.applicationName() == null ? "" : exchange.applicationName();
        String ip = request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
        return "API Gateway encountered an error. Error Message:  " + ge.getMessage() + ". Request Details: Service - "
            + service + ", Operation - " + operation + ", Invocation Time:" + TIME.format(now) + ", Date:"
            + DATE.format(now) + ",  Client IP - " + ip + ", User - Default and Application:" + app;
    }

    private static GatewayException internal(Throwable error) {
        LOG.warn("unexpected runtime failure", error);
        return new GatewayException(500, "INTERNAL_ERROR", "Internal error: " + error.getClass().getSimpleName(), Map.of());
    }
}
