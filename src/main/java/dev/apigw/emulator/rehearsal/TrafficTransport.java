package dev.apigw.emulator.rehearsal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The built-in traffic's wire: one pooled keep-alive HTTP client to both nodes, calls with a generous idle timeout
 * (never shorter than the nodes' own backend timeout, so the traffic never gives up on a request a node still
 * serves: an abandoned request would be counted by the node as 499 and not by the traffic as served), and the
 * classification of what came back. Used only on the traffic's event loop.
 */
final class TrafficTransport {
    static final String TOKEN_PATH = "/invoke/pub.apigateway.oauth2/getAccessToken";

    /** An answer: status and body. */
    record Reply(int status, String body, long startMicros, long endMicros) {
        /** The old node's way of saying "not me any more": 503 with the quiesce reason, in either error family. */
        boolean quiesceRefusal() {
            return status == 503 && body.contains("quiesce");
        }
    }

    /** How a call that got no answer ended. */
    enum NoAnswer {
        CONNECTION_REFUSED("connectionRefused"), NO_RESPONSE("noResponse"), TIMEOUT("timeout"), OTHER("other");

        final String key;

        NoAnswer(String key) {
            this.key = key;
        }

        static NoAnswer of(Throwable e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof ConnectException) return CONNECTION_REFUSED;
                // closed or reset before any answer (a listener closing with connections not yet accepted)
                if (c instanceof HttpClosedException || c instanceof java.io.IOException) return NO_RESPONSE;
                if (c instanceof TimeoutException) return TIMEOUT;
            }
            return OTHER;
        }

        /**
         * Refused by a node that stopped listening: the call got no answer, so a load balancer sends it elsewhere. Had
         * the node counted it (a reset after an admitted request), the reconciliation would show the extra count.
         */
        boolean refusal() {
            return this == CONNECTION_REFUSED || this == NO_RESPONSE;
        }
    }

    private final HttpClient client;
    private final Map<String, Integer> ports;
    private final long timeoutMs;
    private final long epochMicrosAtStart = System.currentTimeMillis() * 1000;
    private final long nanosAtStart = System.nanoTime();

    TrafficTransport(Vertx vertx, int oldPort, int newPort, long timeoutMs, int maxConnections) {
        this.client = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000)).with(new PoolOptions().setHttp1MaxSize(maxConnections))
            // the old node resets its idle keep-alive connections when it stops listening: expected, and a call on
            // such a connection fails on its own (and is retried); unhandled, Vert.x logs each one as an ERROR
            .withConnectHandler(connection -> connection.exceptionHandler(err -> { }))
            .build();
        this.ports = Map.of(TrafficTally.OLD, oldPort, TrafficTally.NEW, newPort);
        this.timeoutMs = timeoutMs;
    }

    Future<Reply> get(String node, String path, String header, String value) {
        return send(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader(header, value), node, null);
    }

    Future<Reply> token(String node, String clientId, String clientSecret) {
        JsonObject body = new JsonObject().put("grant_type", "client_credentials").put("client_id", clientId)
            .put("client_secret", clientSecret);
        return send(new RequestOptions().setMethod(HttpMethod.POST).setURI(TOKEN_PATH)
            .putHeader("Content-Type", "application/json"), node, body.encode());
    }

    private Future<Reply> send(RequestOptions options, String node, String body) {
        long start = epochMicros();
        options.setHost("127.0.0.1").setPort(ports.get(node)).setIdleTimeout(timeoutMs);
        return client.request(options)
            .compose(req -> (body == null ? req.send() : req.send(body)).compose(resp -> resp.body()
                .map(b -> new Reply(resp.statusCode(), b.toString(), start, epochMicros()))));
    }

    /** Wall-clock microseconds from a monotonic clock (comparable with the nodes' receipt timestamps). */
    long epochMicros() {
        return epochMicrosAtStart + (System.nanoTime() - nanosAtStart) / 1000;
    }

    Future<Void> close() {
        return client.close();
    }
}
