package dev.apigw.emulator.events;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct values of one text column of one segment, coded 1..n (0 = absent). Written by the writer thread;
 * read without locks by queries: a value is stored before any row uses its code, and rows are published after
 * their codes, so a reader that saw a row finds its value. The string-to-code map is dropped once the segment is
 * full.
 */
final class Dictionary {
    private volatile String[] values = new String[8];
    private int count = 1;
    private Map<String, Integer> codes = new HashMap<>();
    /** The writer's shortcut: most events repeat the previous value, often the very same string object. */
    private String last;
    private short lastCode;

    short encode(String value) {
        if (value == null) return 0;
        if (value == last) return lastCode;
        Integer code = codes.get(value);
        if (code == null) {
            code = count++;
            String[] v = values;
            if (code >= v.length) {
                v = Arrays.copyOf(v, v.length * 2);
                v[code] = value;
                values = v;
            } else {
                v[code] = value;
            }
            codes.put(value, code);
        }
        last = value;
        lastCode = (short) (int) code;
        return lastCode;
    }

    /** The values by code, for readers (index 0 is null). */
    String[] values() {
        return values;
    }

    void seal() {
        codes = null;
        last = null;
    }
}
