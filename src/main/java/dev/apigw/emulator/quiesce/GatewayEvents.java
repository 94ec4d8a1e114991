package dev.apigw.emulator.quiesce;

import io.vertx.core.json.JsonObject;

/** Where the node's lifecycle events go (the webhook dispatcher). Must return at once, never blocking the caller. */
@FunctionalInterface
public interface GatewayEvents {
    String QUIESCE_DESIGNTIME = "migration:quiesce:designtime:completed";
    String QUIESCE_ALL = "migration:quiesce:all:completed";
    String SERVER_STARTED = "apigateway:server:started";

    void emit(String event, JsonObject data);

    GatewayEvents NONE = (event, data) -> { };
}
