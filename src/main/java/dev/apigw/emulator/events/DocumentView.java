package dev.apigw.emulator.events;

import io.vertx.core.json.JsonObject;

/** A whole event document as an {@link EventView} (the Redis store parses each entry; nothing is in memory). */
final class DocumentView implements EventView {
    private JsonObject doc;
    private EventType type;
    private long date;

    DocumentView of(JsonObject doc) {
        this.doc = doc;
        this.type = EventType.ofStored(doc.getValue(Fields.EVENT_TYPE) instanceof String s ? s : null);
        this.date = doc.getValue(Fields.CREATION_DATE) instanceof Number n ? n.longValue() : 0;
        return this;
    }

    @Override
    public EventType type() {
        return type;
    }

    @Override
    public long creationDate() {
        return date;
    }

    @Override
    public String text(String field) {
        return Docs.text(doc, field);
    }

    @Override
    public double number(String field) {
        return Docs.number(Docs.value(doc, field));
    }

    @Override
    public JsonObject document() {
        return doc;
    }

    @Override
    public Object handle() {
        return doc;
    }
}
