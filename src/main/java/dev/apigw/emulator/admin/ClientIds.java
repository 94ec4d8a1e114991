package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Ids on create: a client may supply its own (vendor collections create custom destinations, and pipelines re-create
 * assets, under fixed ids), which is kept; otherwise the gateway makes a UUID.
 */
final class ClientIds {
    private ClientIds() {
    }

    /** The supplied {@code id} (a non-blank string), or a fresh UUID; an id of another JSON type is a 400. */
    static String take(JsonObject doc) {
        Object id = doc.getValue("id");
        if (id == null || id instanceof String s && s.isBlank()) return UUID.randomUUID().toString();
        if (!(id instanceof String s)) throw GatewayException.invalidPayload("'id' must be a string");
        return s.trim();
    }
}
