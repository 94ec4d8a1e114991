package dev.apigw.emulator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP over a plain socket, for what client libraries do not let a test send or see: hop-by-hop request headers,
 * HTTP/1.0, raw framing (Transfer-Encoding) of the answer. Reads until the server closes the connection.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends the request text as is ({@code \n} become CRLF) and returns the whole raw answer. */
    public static String exchange(int port, String request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String head(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        return end < 0 ? raw : raw.substring(0, end);
    }

    public static String body(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        return end < 0 ? "" : raw.substring(end + 4);
    }

    /** The value of a header in a raw head, case-insensitive, or null. */
    public static String header(String raw, String name) {
        for (String line : head(raw).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }
}
