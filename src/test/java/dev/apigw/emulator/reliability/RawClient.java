package dev.apigw.emulator.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Exact bytes over a socket (head and body as given, {@code Connection: close}), for the fault suite. */
final class RawClient {
    static final String AUTH = "Authorization: Basic " + Base64.getEncoder().encodeToString("Administrator:manage".getBytes());

    private RawClient() {
    }

    /** The answer's status code, or -1 when the server closed without one. */
    static int send(int port, String method, String target, String headers, byte[] body) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(30_000);
            String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) s.getOutputStream().write(body);
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream());
            return answer.length() >= 12 && answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
