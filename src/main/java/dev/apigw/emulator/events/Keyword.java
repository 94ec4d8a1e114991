package dev.apigw.emulator.events;

import java.util.HashMap;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * A scope's {@code keyword}: a regular expression that must match a field's whole value, case-insensitively (as the
 * asset search does). Each distinct value is tested once per query: the embedded store asks per segment dictionary
 * entry rather than per event, other stores through a memo. Confined to the query's thread.
 */
final class Keyword {
    private static final int MEMO_LIMIT = 10_000;
    private final String field;
    private final int column;
    private final Pattern pattern;
    private final Map<String, Boolean> memo = new HashMap<>();
    /** The verdicts on the dictionary of the segment seen last: 0 unknown, 1 match, 2 no match. */
    private Object tableOwner;
    private byte[] table;

    Keyword(String field, Pattern pattern) {
        this.field = field;
        this.column = Fields.text(field);
        this.pattern = pattern;
    }

    String field() {
        return field;
    }

    /** The in-memory text column this keyword reads, or -1. */
    int column() {
        return column;
    }

    boolean test(String value) {
        if (value == null) return false;
        Boolean known = memo.get(value);
        if (known != null) return known;
        boolean hit = pattern.matcher(value).matches();
        if (memo.size() < MEMO_LIMIT) memo.put(value, hit);
        return hit;
    }

    /** The verdict on code {@code code} of a dictionary owned by {@code owner} (code 0 = absent). */
    boolean test(Object owner, String[] dictionary, int code) {
        if (code == 0) return false;
        if (owner != tableOwner || table == null || table.length < dictionary.length) {
            if (owner != tableOwner || table == null) table = new byte[dictionary.length];
            else table = java.util.Arrays.copyOf(table, dictionary.length);
            tableOwner = owner;
        }
        byte v = table[code];
        if (v == 0) {
            v = test(dictionary[code]) ? (byte) 1 : (byte) 2;
            table[code] = v;
        }
        return v == 1;
    }
}
