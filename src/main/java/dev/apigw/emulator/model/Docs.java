package dev.apigw.emulator.model;

import io.vertx.core.json.JsonObject;

/**
 * Tolerant reads of stored documents for listings and searches: a field of the wrong JSON type (from an older
 * version, another node or a hand-edited file) reads as absent instead of failing the whole answer.
 */
public final class Docs {
    private Docs() {
    }

    /** The field if it is text, else {@code fallback}. */
    public static String text(JsonObject doc, String key, String fallback) {
        return doc.getValue(key) instanceof String s ? s : fallback;
    }

    /** The field if it is a boolean, else {@code fallback}. */
    public static boolean flag(JsonObject doc, String key, boolean fallback) {
        return doc.getValue(key) instanceof Boolean b ? b : fallback;
    }
}
