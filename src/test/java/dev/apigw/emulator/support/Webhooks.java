package dev.apigw.emulator.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real webhook receiver on 127.0.0.1 port 0 that keeps every event body it is sent, and subscribes nodes to it. */
public final class Webhooks implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    private Webhooks(Vertx vertx) {
        this.server = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            received.add(body.toJsonObject());
            req.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1"));
    }

    public static Webhooks start(Vertx vertx) {
        return new Webhooks(vertx);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hook";
    }

    /** Subscribes the node to the events; returns the webhook's id. */
    public String subscribe(TestGateway gw, String... events) {
        JsonObject hook = new JsonObject().put("config", new JsonObject().put("url", url()))
            .put("events", new JsonArray(List.of((Object[]) events))).put("active", true);
        return gw.admin().contentType("application/json").body(hook.encode()).post("/rest/apigateway/webhooks")
            .then().statusCode(201).extract().path("id");
    }

    /** Waits for an event of that name and returns its body. */
    public JsonObject await(String event) {
        Poll.until("webhook event " + event, () -> received.stream().anyMatch(e -> event.equals(e.getString("event"))));
        return received.stream().filter(e -> event.equals(e.getString("event"))).findFirst().orElseThrow();
    }

    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        Await.result(server.close());
    }
}
