package dev.apigw.emulator.rehearsal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The backend both nodes route the rehearsal's APIs to: a Vert.x server in the orchestrator's process, so it lives
 * on when the old node stops (the demo echo backend runs inside a node and would go with it). Answers every request
 * with 200 and a small JSON body, after {@code delayMs} when set (a timer, never a blocked thread).
 */
final class Backend {
    private static final Buffer BODY = Buffer.buffer("{\"status\":\"ok\"}");
    private final Vertx vertx;
    private final long delayMs;
    private HttpServer server;

    Backend(Vertx vertx, long delayMs) {
        this.vertx = vertx;
        this.delayMs = delayMs;
    }

    Future<Backend> start() {
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(req -> {
            if (delayMs <= 0) {
                req.response().putHeader("Content-Type", "application/json").end(BODY);
            } else {
                vertx.setTimer(delayMs, id -> req.response().putHeader("Content-Type", "application/json").end(BODY));
            }
        }).listen(0, "127.0.0.1").map(s -> {
            server = s;
            return this;
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
