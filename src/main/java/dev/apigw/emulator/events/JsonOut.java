package dev.apigw.emulator.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON object writer into a reusable byte array, for the writer thread: events are encoded by hand rather than
 * through a {@code JsonObject}, which costs several times more per event and runs once per runtime request. Only
 * what event documents need: string, number, boolean and nested string-map values. Not thread-safe.
 */
final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf = new byte[16 * 1024];
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
        ensure(20);
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return this;
        }
        if (value < 0) {
            buf[len++] = '-';
            value = -value;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    JsonOut field(String name, boolean value) {
        key(name);
        ascii(value ? "true" : "false");
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
        ascii(Long.toString(suffix));
        raw('"');
        return this;
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
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (len == buf.length) ensure(n - i);
                buf[len++] = (byte) c;
            } else {
                escaped(s, i, c);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            }
        }
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
