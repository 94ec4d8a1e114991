package dev.apigw.emulator.demo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * A small postman-echo style backend for the demo API, tests and load tests: {@code GET /get} → {args, headers, url};
 * {@code POST|PUT|PATCH|DELETE /post|/put|/patch|/delete} → {args, data, json, headers, url}; {@code /status/{code}};
 * {@code /delay/{ms}} (answers after a timer, never blocking); {@code /bytes/{n}} (n bytes streamed in 64 KiB chunks);
 * {@code /upload} (counts the body without keeping it); {@code /anything/...} echoes any method.
 */
public final class EchoBackend {
    static final long MAX_DELAY_MS = 300_000;
    private final Vertx vertx;
    private HttpServer server;

    public EchoBackend(Vertx vertx) {
        this.vertx = vertx;
    }

    public Future<EchoBackend> start(String host, int port) {
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(this::handle)
            .listen(port, host).map(s -> {
                server = s;
                return this;
            });
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        String method = req.method().name();
        if (path.equals("/get") && (method.equals("GET") || method.equals("HEAD"))) {
            json(req, 200, base(req));
        } else if (path.equals("/post") || path.equals("/put") || path.equals("/patch") || path.equals("/delete")
            || path.startsWith("/anything")) {
            withBody(req);
        } else if (path.startsWith("/status/")) {
            status(req, path.substring("/status/".length()));
        } else if (path.startsWith("/delay/")) {
            delay(req, path.substring("/delay/".length()));
        } else if (path.startsWith("/bytes/")) {
            bytes(req, path.substring("/bytes/".length()));
        } else if (path.equals("/upload")) {
            upload(req);
        } else if (path.equals("/headers")) {
            json(req, 200, new JsonObject().put("headers", headers(req.headers())));
        } else {
            json(req, 404, new JsonObject().put("error", "no echo endpoint at " + path));
        }
    }

    private static JsonObject base(HttpServerRequest req) {
        JsonObject args = new JsonObject();
        req.params().forEach(e -> args.put(e.getKey(), e.getValue()));
        return new JsonObject().put("args", args).put("headers", headers(req.headers()))
            .put("url", req.absoluteURI()).put("method", req.method().name());
    }

    private static JsonObject headers(MultiMap headers) {
        JsonObject out = new JsonObject();
        headers.forEach(e -> out.put(e.getKey().toLowerCase(), e.getValue()));
        return out;
    }

    private void withBody(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            JsonObject out = base(req).put("data", body.toString());
            Object json = null;
            try {
                json = body.length() == 0 ? null : Json.decodeValue(body);
            } catch (DecodeException ignored) {
                // not JSON: "json" stays null, as postman-echo answers
            }
            json(req, 200, out.put("json", json));
        });
    }

    private static void status(HttpServerRequest req, String code) {
        int status = (int) Math.min(parse(code, 200), 999);
        if (status < 100 || status > 599) status = 400;
        json(req, status, new JsonObject().put("status", status));
    }

    private void delay(HttpServerRequest req, String ms) {
        long delay = Math.min(Math.max(parse(ms, 0), 0), MAX_DELAY_MS);
        JsonObject out = base(req).put("delay", delay);
        vertx.setTimer(Math.max(1, delay), t -> json(req, 200, out));
    }

    private void bytes(HttpServerRequest req, String n) {
        long total = Math.max(0, parse(n, 0));
        req.response().putHeader("Content-Type", "application/octet-stream").putHeader("Content-Length", String.valueOf(total));
        new ByteStreamer(req.response(), total).start();
    }

    private static void upload(HttpServerRequest req) {
        long[] count = {0};
        req.handler(buf -> count[0] += buf.length());
        req.endHandler(v -> json(req, 200, new JsonObject().put("bytes", count[0])));
    }

    private static long parse(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void json(HttpServerRequest req, int status, JsonObject body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(body.encode()));
    }
}
