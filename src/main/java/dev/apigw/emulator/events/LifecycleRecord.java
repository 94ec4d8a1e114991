package dev.apigw.emulator.events;

import io.vertx.core.json.JsonObject;

/**
 * A lifecycle event: the node started, quiesced or shut down, or an API was activated or deactivated.
 * {@code lifecycleEvent} names what happened (the webhook event's name where the product has one), {@code details}
 * carries what the emitter knew.
 */
final class LifecycleRecord implements EventRecord {
    private final long creationDate;
    private final String event;
    private final JsonObject details;
    private final String apiId;
    private final String apiName;
    private final String apiVersion;

    LifecycleRecord(long creationDate, String event, JsonObject details, String apiId, String apiName, String apiVersion) {
        this.creationDate = creationDate;
        this.event = event;
        this.details = details == null ? new JsonObject() : details.copy();
        this.apiId = apiId;
        this.apiName = apiName;
        this.apiVersion = apiVersion;
    }

    @Override
    public EventType type() {
        return EventType.LIFECYCLE_EVENTS;
    }

    @Override
    public long creationDate() {
        return creationDate;
    }

    @Override
    public String text(int field) {
        return switch (field) {
            case Fields.API_ID -> apiId;
            case Fields.API_NAME -> apiName;
            case Fields.API_VERSION -> apiVersion;
            case Fields.STATUS -> "SUCCESS";
            default -> null;
        };
    }

    @Override
    public long number(int field) {
        return Fields.NONE;
    }

    @Override
    public void write(JsonOut out, Fragments fragments, long seq) {
        NodeIdentity node = fragments.node();
        out.begin().field("id", node.prefix(), seq).field("eventType", EventType.LIFECYCLE_EVENTS.stored())
            .field("creationDate", creationDate).field("lifecycleEvent", event)
            .field("apiId", apiId).field("apiName", apiName).field("apiVersion", apiVersion)
            .field("status", "SUCCESS").field("sourceGateway", "APIGateway").field("sourceGatewayNode", node.id())
            .rawField("details", details.encode()).end();
    }
}
