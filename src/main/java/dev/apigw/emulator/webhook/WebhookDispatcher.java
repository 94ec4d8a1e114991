package dev.apigw.emulator.webhook;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the active webhooks subscribed to them: an HTTP POST of
 * {@code {"id","event","timestamp","source":"apigw-emulator","data":{...}}} with the webhook's headers and Basic
 * credentials. A delivery that fails (connection error or non-2xx) is retried after a back-off that doubles from
 * {@code initialBackoffMs}, up to {@code maxAttempts}. {@link #emit} returns at once; nothing waits on a delivery.
 */
public final class WebhookDispatcher implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Vertx vertx;
    private final AssetStore store;
    private final WebClient client;
    private final int maxAttempts;
    private final long initialBackoffMs;
    private final Set<String> malformed = ConcurrentHashMap.newKeySet();
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    /** Retries waiting on a timer, cancelled by {@link #cancelPending()}. */
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();

    /** @param registry where the delivery counter {@code gateway.webhook.deliveries{outcome}} is exported */
    public WebhookDispatcher(Vertx vertx, AssetStore store, int maxAttempts, long initialBackoffMs, long timeoutMs,
                             MeterRegistry registry) {
        this.delivered = deliveries(registry, "delivered");
        this.retried = deliveries(registry, "retried");
        this.failed = deliveries(registry, "failed");
        this.vertx = vertx;
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.initialBackoffMs = initialBackoffMs;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMs)
            .setIdleTimeout((int) timeoutMs).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    public void emit(String event, JsonObject data) {
        JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("event", event)
            .put("timestamp", Instant.now().toString()).put("source", "apigw-emulator").put("data", data);
        Buffer payload = body.toBuffer();
        store.list(AssetType.WEBHOOKS).onSuccess(hooks -> {
            for (JsonObject hook : hooks) {
                if (!Boolean.TRUE.equals(hook.getValue("active"))) continue;
                if (!(hook.getValue("events") instanceof JsonArray events) || !(hook.getValue("config") instanceof JsonObject cfg)
                    || !(cfg.getValue("url") instanceof String)) {
                    // stored by an older version or by hand: it must not keep the other webhooks from their events
                    if (malformed.add(String.valueOf(hook.getValue("id")))) {
                        LOG.warn("webhook {} is malformed (events, config.url); skipped", hook.getValue("id"));
                    }
                    continue;
                }
                if (events.contains(event)) deliver(hook, event, payload, 1);
            }
        }).onFailure(err -> LOG.warn("webhooks for {} not sent, store unavailable: {}", event, err.getMessage()));
    }

    private void deliver(JsonObject hook, String event, Buffer payload, int attempt) {
        JsonObject cfg = hook.getJsonObject("config");
        HttpRequest<Buffer> req = client.postAbs(cfg.getString("url")).putHeader("Content-Type", "application/json");
        if (cfg.getValue("headers") instanceof JsonObject headers) {
            headers.forEach(h -> req.putHeader(h.getKey(), String.valueOf(h.getValue())));
        }
        if (cfg.getValue("username") instanceof String user && !user.isEmpty()) {
            req.basicAuthentication(user, cfg.getValue("password") instanceof String p ? p : "");
        }
        req.sendBuffer(payload).onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                delivered.increment();
                return;
            }
            String why = ar.succeeded() ? "status " + ar.result().statusCode() : ar.cause().getMessage();
            if (attempt >= maxAttempts) {
                LOG.warn("webhook {} gave up on {} after {} attempts: {}", hook.getString("id"), event, attempt, why);
                failed.increment();
                return;
            }
            retried.increment();
            long delay = initialBackoffMs << Math.min(attempt - 1, 20);
            long[] id = new long[1];
            id[0] = vertx.setTimer(delay, t -> {
                pending.remove(id[0]);
                deliver(hook, event, payload, attempt + 1);
            });
            pending.add(id[0]);
        });
    }

    private static Counter deliveries(MeterRegistry registry, String outcome) {
        return Counter.builder("gateway.webhook.deliveries").tag("outcome", outcome)
            .description("Webhook delivery attempts: delivered (2xx), retried, failed (gave up)").register(registry);
    }

    /** Drops every retry still waiting (an emulator reset of events); returns how many were dropped. */
    public int cancelPending() {
        int n = 0;
        for (Long id : List.copyOf(pending)) {
            if (vertx.cancelTimer(id)) n++;
            pending.remove(id);
        }
        return n;
    }

    @Override
    public Future<Void> stop() {
        cancelPending();
        client.close();
        return Future.succeededFuture();
    }
}
