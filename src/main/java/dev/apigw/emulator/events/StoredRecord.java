package dev.apigw.emulator.events;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * An event document that exists already (restored from an archive, or rewritten by a purge): written back as it is,
 * with an id added if it had none. Its in-memory fields are read from the document.
 */
final class StoredRecord implements EventRecord {
    private final JsonObject doc;
    private final EventType type;

    private StoredRecord(JsonObject doc, EventType type) {
        this.doc = doc;
        this.type = type;
    }

    /** The record of a stored document, or null when it is no event (no known {@code eventType}). */
    static StoredRecord of(JsonObject doc) {
        EventType type = EventType.ofStored(doc.getValue(Fields.EVENT_TYPE) instanceof String s ? s : null);
        return type == null ? null : new StoredRecord(doc, type);
    }

    JsonObject document() {
        return doc;
    }

    String id() {
        return doc.getValue("id") instanceof String s ? s : null;
    }

    @Override
    public EventType type() {
        return type;
    }

    @Override
    public long creationDate() {
        return doc.getValue(Fields.CREATION_DATE) instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public String text(int field) {
        Object v = doc.getValue(Fields.TEXT[field]);
        return v == null || v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray ? null : v.toString();
    }

    @Override
    public long number(int field) {
        Object v = doc.getValue(Fields.NUMBER[field]);
        if (v instanceof Number n) return n.longValue();
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return Fields.NONE;
            }
        }
        return Fields.NONE;
    }

    @Override
    public void write(JsonOut out, Fragments fragments, long seq) {
        NodeIdentity node = fragments.node();
        if (id() == null) doc.put("id", node.prefix() + seq);
        out.bytes(doc.encode().getBytes(StandardCharsets.UTF_8));
    }
}
