package dev.apigw.emulator.events;

import io.vertx.core.json.JsonObject;

/**
 * The embedded store's {@link EventView}: one object per scan, moved from row to row. In-memory columns answer
 * without reading the file; other fields read the document once per row (charged to the budget).
 */
final class SegmentView implements EventView {
    private final Budget budget;
    private Segment segment;
    private int row;
    private JsonObject doc;
    private Segment docSegment;
    private int docRow = -1;

    /** A stable reference to one row. */
    record Ref(Segment segment, int row) {
    }

    SegmentView(Budget budget) {
        this.budget = budget;
    }

    void at(Segment segment, int row) {
        this.segment = segment;
        this.row = row;
    }

    @Override
    public EventType type() {
        return EventType.of(segment.type(row));
    }

    @Override
    public long creationDate() {
        return segment.time(row);
    }

    @Override
    public String text(String field) {
        int col = Fields.text(field);
        if (col >= 0) return segment.text(col, row);
        if (field.equals(Fields.CREATION_DATE)) return Long.toString(creationDate());
        int num = Fields.number(field);
        if (num >= 0) {
            int v = segment.number(num, row);
            return v == Segment.ABSENT ? null : Integer.toString(v);
        }
        if (field.equals(Fields.EVENT_TYPE)) return type().stored();
        return Docs.text(document(), field);
    }

    @Override
    public boolean keyword(Keyword keyword) {
        int col = keyword.column();
        if (col >= 0) return keyword.test(segment, segment.dictionary(col), segment.code(col, row));
        return keyword.test(text(keyword.field()));
    }

    @Override
    public double number(String field) {
        if (field.equals(Fields.CREATION_DATE)) return creationDate();
        int num = Fields.number(field);
        if (num >= 0) {
            int v = segment.number(num, row);
            return v == Segment.ABSENT ? Double.NaN : v;
        }
        int col = Fields.text(field);
        if (col >= 0) return Docs.number(segment.text(col, row));
        return Docs.number(Docs.value(document(), field));
    }

    @Override
    public JsonObject document() {
        if (docSegment != segment || docRow != row) {
            budget.check();
            doc = segment.document(row);
            docSegment = segment;
            docRow = row;
        }
        return doc;
    }

    @Override
    public Object handle() {
        return new Ref(segment, row);
    }
}
