package dev.apigw.emulator.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON object writer into a reusable byte array, for the writer thread: events are encoded by hand rather than
 * through a {@code JsonObject}, which costs several times more per event and runs once per runtime request. Only
 * what event documents need: string, number, boolean and nested string-map values. Keys may be given pre-encoded
 * ({@link #encodedKey(String)}), and whole runs of fields as pre-encoded fragments ({@link Fragments}), so that what is the
 * same in every event is one array copy. Not thread-safe.
 */
final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int len;
    private boolean first;

    void reset() {
        len = 0;
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }

    /** A key pre-encoded as {@code ,"name":}, for {@link #field(byte[], String)} and its siblings. */
    static byte[] encodedKey(String name) {
        return (",\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON string escape of {@code value}, without its quotes: the inside of a pre-encoded fragment. */
    static byte[] escape(String value) {
        JsonOut o = new JsonOut(value.length() + 16);
        o.chars(value);
        return o.copy(0, o.len);
    }

    JsonOut() {
        this(16 * 1024);
    }

    private JsonOut(int size) {
        buf = new byte[size];
    }

    JsonOut begin() {
        raw('{');
        first = true;
        return this;
    }

    JsonOut end() {
        raw('}');
        first = false;
        return this;
    }

    void newline() {
        raw('\n');
    }

    JsonOut field(String name, String value) {
        if (value == null) return this;
        key(name);
        string(value);
        return this;
    }

    JsonOut field(String name, long value) {
        key(name);
        return digits(value);
    }

    JsonOut field(String name, boolean value) {
        key(name);
        ascii(value ? "true" : "false");
        return this;
    }

    /** Opens an object with a pre-encoded fragment that holds its first field (or the start of it). */
    JsonOut begin(byte[] opening) {
        bytes(opening);
        first = false;
        return this;
    }

    /** Appends pre-encoded fields (or parts of one) that start with their comma; the object is no longer empty. */
    JsonOut fragment(byte[] fields) {
        bytes(fields);
        first = false;
        return this;
    }

    JsonOut field(byte[] key, String value) {
        if (value == null) return this;
        key(key);
        string(value);
        return this;
    }

    JsonOut field(byte[] key, long value) {
        key(key);
        return digits(value);
    }

    /** A number without its key, e.g. the end of an id whose start is a fragment. */
    JsonOut digits(long value) {
        ensure(20);
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return this;
        }
        byte[] b = buf;
        int at = len;
        if (value < 0) {
            b[at++] = '-';
            value = -value;
        }
        int start = at;
        do {
            b[at++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        len = at;
        return this;
    }

    /** String content without its opening quote (that ends the fragment before it), then the closing quote. */
    JsonOut stringEnd(String rest) {
        chars(rest);
        raw('"');
        return this;
    }

    /** Starts a nested object value; close it with {@link #end()}. */
    JsonOut object(String name) {
        key(name);
        return begin();
    }

    /** Writes a complete, already encoded JSON value. */
    JsonOut rawField(String name, String json) {
        key(name);
        bytes(json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Appends already encoded JSON (a whole document). */
    void bytes(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, buf, len, json.length);
        len += json.length;
    }

    /** Writes the id {@code prefix + suffix} as a string value without building the string. */
    JsonOut field(String name, String prefix, long suffix) {
        key(name);
        raw('"');
        chars(prefix);
        digits(suffix);
        raw('"');
        return this;
    }

    private void key(byte[] key) {
        int skip = first ? 1 : 0; // the leading comma
        first = false;
        int n = key.length - skip;
        ensure(n);
        System.arraycopy(key, skip, buf, len, n);
        len += n;
    }

    private void key(String name) {
        if (!first) raw(',');
        first = false;
        raw('"');
        ascii(name);
        raw('"');
        raw(':');
    }

    private void string(String s) {
        raw('"');
        chars(s);
        raw('"');
    }

    /** Escapes as RFC 8259 asks; non-ASCII as UTF-8. */
    private void chars(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                b[at++] = (byte) c; // room for n bytes was ensured; escapes below ensure their own
            } else {
                len = at;
                escaped(s, i, c);
                ensure(n - i);
                b = buf;
                at = len;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            }
        }
        len = at;
    }

    private void escaped(String s, int i, char c) {
        ensure(12);
        switch (c) {
            case '"' -> two('"');
            case '\\' -> two('\\');
            case '\n' -> two('n');
            case '\r' -> two('r');
            case '\t' -> two('t');
            default -> {
                if (c < 0x20) {
                    raw('\\');
                    raw('u');
                    raw('0');
                    raw('0');
                    buf[len++] = HEX[c >> 4];
                    buf[len++] = HEX[c & 0xf];
                } else if (c == 0x7f) {
                    buf[len++] = (byte) c;
                } else {
                    int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                    byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, buf, len, utf8.length);
                    len += utf8.length;
                }
            }
        }
    }

    private void two(char c) {
        raw('\\');
        raw(c);
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
    }

    private void raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more + 64));
    }
}
