package dev.apigw.emulator.rehearsal;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls one port of one node (its main port or its quiesce port) with the administrator's credentials, through its
 * public HTTP API only, and waits for the answer on the orchestrator's thread.
 */
final class NodeClient {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** A response: its status and body. */
    record Answer(int status, String body) {
        JsonObject json() {
            return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
        }
    }

    private final WebClient web;
    private final int port;
    private final String authorization;

    NodeClient(WebClient web, int port, String username, String password) {
        this.web = web;
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static WebClient web(Vertx vertx) {
        return WebClient.create(vertx);
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Answer get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    Answer send(HttpMethod method, String path, JsonObject body) {
        return call(method, path, body);
    }

    /** Sends and checks the status; the parsed body. */
    JsonObject expect(HttpMethod method, String path, JsonObject body, int... statuses) {
        Answer a = call(method, path, body);
        for (int s : statuses) if (a.status() == s) return a.json();
        throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.body());
    }

    /** Without the administrator's credentials (health, runtime calls, token endpoint), with {@code headers}. */
    Answer anonymous(HttpMethod method, String path, JsonObject body, String... headers) {
        HttpRequest<Buffer> request = web.request(method, port, "127.0.0.1", path);
        for (int i = 0; i + 1 < headers.length; i += 2) request.putHeader(headers[i], headers[i + 1]);
        return send(request, body, method + " " + path);
    }

    private Answer call(HttpMethod method, String path, JsonObject body) {
        return send(web.request(method, port, "127.0.0.1", path).putHeader("Authorization", authorization), body,
            method + " " + path);
    }

    private static Answer send(HttpRequest<Buffer> request, JsonObject body, String what) {
        request.timeout(CALL_TIMEOUT.toMillis());
        HttpResponse<Buffer> r = Sync.await(body == null ? request.send() : request.sendJsonObject(body),
            CALL_TIMEOUT.plusSeconds(5), what);
        return new Answer(r.statusCode(), r.bodyAsString());
    }
}
