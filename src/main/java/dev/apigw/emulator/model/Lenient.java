package dev.apigw.emulator.model;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Reading JSON values the way the product does: clients send booleans and numbers as strings ({@code "active":
 * "false"}, {@code "connectionTimeout":"30"}, {@code "from":"0"}), and the product reads them as their values.
 * Every method answers {@code null} for a value that is neither the type nor a string spelling of it, so callers
 * can reject it with their own message.
 */
public final class Lenient {
    private Lenient() {
    }

    /** {@code true}/{@code false}, or the strings {@code "true"}/{@code "false"} in any case; else null. */
    public static Boolean bool(Object value) {
        if (value instanceof Boolean b) return b;
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) return Boolean.TRUE;
            if (t.equals("false")) return Boolean.FALSE;
        }
        return null;
    }

    /** A whole number, or a string holding one; else null. */
    public static Long integer(Object value) {
        if (value instanceof Number n) return n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : null;
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether the value is absent or readable as a boolean. */
    public static boolean isBoolean(Object value) {
        return value == null || bool(value) != null;
    }

    /**
     * Rewrites each present key to a real boolean; answers the first key whose value is not one (or null when all
     * are fine), leaving the document unchanged from that key on.
     */
    public static String normaliseBooleans(JsonObject doc, String... keys) {
        for (String k : keys) {
            Object v = doc.getValue(k);
            if (v == null) continue;
            Boolean b = bool(v);
            if (b == null) return k;
            doc.put(k, b);
        }
        return null;
    }

    /** Like {@link #normaliseBooleans} for whole numbers. */
    public static String normaliseIntegers(JsonObject doc, String... keys) {
        for (String k : keys) {
            Object v = doc.getValue(k);
            if (v == null || v instanceof String s && s.isBlank()) continue;
            Long n = integer(v);
            if (n == null) return k;
            doc.put(k, n);
        }
        return null;
    }
}
