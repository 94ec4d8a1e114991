package dev.apigw.emulator.rehearsal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives the nodes' webhook calls ({@code POST /hooks}, the product's event body) and keeps them in arrival order.
 * Events are appended on the server's event loop and read from the orchestrator's thread, hence the copy-on-write
 * list. The webhook id travels unchanged on retries, so a retried delivery is kept once.
 */
final class WebhookReceiver {
    /** One delivered event: its name, the gateway's body, and when it arrived here. */
    record Delivery(String event, JsonObject body, Instant receivedAt) {
    }

    private final Vertx vertx;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    WebhookReceiver(Vertx vertx) {
        this.vertx = vertx;
    }

    Future<WebhookReceiver> start() {
        return vertx.createHttpServer().requestHandler(req -> req.body().onComplete(ar -> {
            if (ar.succeeded()) keep(ar.result().toString());
            req.response().setStatusCode(ar.succeeded() ? 200 : 400).end();
        })).listen(0, "127.0.0.1").map(s -> {
            server = s;
            return this;
        });
    }

    private void keep(String text) {
        try {
            JsonObject body = new JsonObject(text);
            String id = body.getString("id");
            if (id != null && received.stream().anyMatch(d -> id.equals(d.body().getString("id")))) return;
            received.add(new Delivery(body.getString("event", "?"), body, Instant.now()));
        } catch (RuntimeException e) {
            // not an event body: nothing to keep
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks";
    }

    /** The first delivery of {@code event} after {@code since}, waiting at most {@code timeout}; null if none came. */
    Delivery await(String event, Instant since, Duration timeout) {
        Delivery[] found = new Delivery[1];
        Sync.poll(timeout, 10, () -> {
            for (Delivery d : received) {
                if (d.event().equals(event) && !d.receivedAt().isBefore(since)) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    List<Delivery> received() {
        return List.copyOf(received);
    }

    Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
