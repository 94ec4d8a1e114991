package dev.apigw.emulator.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command over a fresh blocking socket, for test set-up from the JUnit thread (CLUSTER ADDSLOTS, SENTINEL
 * MASTER, INFO, ...). Replies come back as String, Long, List or null; an error reply throws.
 */
public final class Resp {
    private Resp() {
    }

    public static Object call(int port, Object... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(encode(args));
            out.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The reply as text (bulk strings, status replies, numbers). */
    public static String text(int port, Object... args) {
        Object r = call(port, args);
        return r == null ? null : r.toString();
    }

    private static byte[] encode(Object[] args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (Object a : args) {
            byte[] bytes = a.toString().getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                byte[] data = in.readNBytes(n + 2);
                return new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(read(in));
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + (char) type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("connection closed");
            b.write(c);
        }
        in.read(); // \n
        return b.toString(StandardCharsets.UTF_8);
    }
}
