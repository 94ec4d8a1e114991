package dev.apigw.emulator.events;

import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.ExchangeObserver;
import io.vertx.core.json.JsonObject;

/**
 * Records events: as an {@link ExchangeObserver}, the transactional event of every runtime exchange (and its policy
 * violation or error event), built from what the exchange knows and queued for the writer; and the node's
 * lifecycle events. Runs on whatever thread reports (event loops): it never blocks and never does I/O. With
 * {@code events.enabled: false} it records nothing (the composition root then leaves it out of the observers too).
 */
public final class EventRecorder implements ExchangeObserver {
    /** {@code lifecycleEvent} of an API that became active or inactive (no webhook event names these). */
    public static final String API_ACTIVATED = "api:activated";
    public static final String API_DEACTIVATED = "api:deactivated";
    public static final String SHUTDOWN = "apigateway:server:shutdown";

    private final EventWriter writer;
    private final boolean enabled;

    public EventRecorder(EventWriter writer, boolean enabled) {
        this.writer = writer;
        this.enabled = enabled;
    }

    @Override
    public void completed(Exchange exchange, int status) {
        if (enabled) writer.offer(TransactionRecord.of(exchange, status, System.currentTimeMillis()));
    }

    /** A node lifecycle event, e.g. {@code apigateway:server:started} or {@code migration:quiesce:all:completed}. */
    public void lifecycle(String event, JsonObject details) {
        if (enabled) writer.offer(new LifecycleRecord(System.currentTimeMillis(), event, details, null, null, null));
    }

    /** An API was activated or deactivated through the admin API; {@code api} is its stored document. */
    public void apiLifecycle(boolean active, JsonObject api) {
        if (!enabled) return;
        writer.offer(new LifecycleRecord(System.currentTimeMillis(), active ? API_ACTIVATED : API_DEACTIVATED,
            new JsonObject().put("isActive", active), api.getString("id"), api.getString("apiName"),
            api.getString("apiVersion")));
    }
}
