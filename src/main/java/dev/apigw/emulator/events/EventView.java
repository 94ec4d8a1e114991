package dev.apigw.emulator.events;

import io.vertx.core.json.JsonObject;

/**
 * One stored event as a scan hands it to a query: the type and date always, other fields from memory where the
 * store keeps them and else from the document (read on first use, within the query's budget). A view may be reused
 * for the next event once the sink returns: keep {@link #handle()} to come back to this one.
 */
interface EventView {

    EventType type();

    long creationDate();

    /** A field as text (a number in decimal), or null when absent. Dotted names reach into objects. */
    String text(String field);

    /** Whether {@code keyword} matches the field; stores answer from memory where they can. */
    default boolean keyword(Keyword keyword) {
        return keyword.test(text(keyword.field()));
    }

    /** A field as a number, or NaN when absent or not numeric. */
    double number(String field);

    /** The whole document. */
    JsonObject document();

    /** A stable reference to this event for {@link EventStore#document(Object)}. */
    Object handle();
}
