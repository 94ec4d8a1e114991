package dev.apigw.emulator.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections or push bodies nobody asked for: request heads trickled a byte at a time (slowloris)
 * are closed at the request-head timeout while normal requests go on; unauthenticated 50 MB uploads are refused at
 * their head and their connections closed, so the node buffers none of it.
 */
@GatewayIT(set = {"runtime.requestHeaderTimeoutMs=1000", "runtime.idleTimeoutMs=3000"})
class StalledConnectionsIT {

    @Test
    void heads_trickled_byte_by_byte_on_kept_alive_connections_are_closed_at_the_head_deadline(TestGateway gw, Echo echo)
        throws Exception {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        List<Socket> trickling = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", gw.port()), 2_000);
            s.setSoTimeout(5_000);
            // one complete request first: Vert.x 5 shows a connection to the application only with its first head
            s.getOutputStream().write("GET /gateway/Echo/1.0/get HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            readResponse(s.getInputStream());
            s.setSoTimeout(20);
            s.getOutputStream().write("GET /gateway/Echo/1.0/get HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            trickling.add(s);
        }
        long start = System.nanoTime();
        long closedAfterMs = -1;
        int open = trickling.size();
        while (open > 0 && System.nanoTime() - start < 15_000_000_000L) {
            open = 0;
            for (Socket s : trickling) if (!closedByServer(s)) open++; // each still-open socket gets one more byte
            gw.anonymous().get(api.path() + "/get").then().statusCode(200); // others are served meanwhile
            if (open == 0) closedAfterMs = (System.nanoTime() - start) / 1_000_000;
        }
        for (Socket s : trickling) s.close();
        assertEquals(0, open, "trickling connections still open after 15 s");
        assertTrue(closedAfterMs < 8_000, "closed after " + closedAfterMs + " ms");
        FaultFigures.record("slowloris", "100 second heads trickled a byte at a time (each byte resets the idle timeout),"
            + " all closed after " + closedAfterMs + " ms (head deadline = max(requestHeaderTimeoutMs 1000, idleTimeoutMs "
            + "3000)); normal requests 200 throughout");
    }

    /** Reads one response with a Content-Length body. */
    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        in.readNBytes(length);
    }

    /** Sends one more header byte; true once the server has closed the connection. */
    private static boolean closedByServer(Socket s) {
        if (s.isClosed()) return true;
        try {
            s.getOutputStream().write('X');
            s.getOutputStream().flush();
            int r = s.getInputStream().read();
            if (r < 0) {
                s.close();
                return true;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed either way
            }
            return true;
        }
    }

    @Test
    void unauthenticated_large_uploads_are_refused_at_their_head_and_not_read(TestGateway gw) throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long usedBefore = rt.totalMemory() - rt.freeMemory();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<long[]>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String path = i % 2 == 0 ? "/rest/apigateway/apis" : "/rest/apigateway/applications";
            String type = i % 4 < 2 ? "application/json" : "multipart/form-data; boundary=xyz";
            uploads.add(pool.submit(() -> upload(gw.port(), path, type, 50L * 1024 * 1024)));
        }
        long maxSent = 0;
        for (Future<long[]> f : uploads) {
            long[] r = f.get();
            assertTrue(r[0] == 401 || r[0] == RESET, "status " + r[0]);
            maxSent = Math.max(maxSent, r[1]);
        }
        pool.shutdown();
        long peakDelta = (rt.totalMemory() - rt.freeMemory() - usedBefore) / (1024 * 1024);
        assertTrue(maxSent < 20L * 1024 * 1024, "a client could push " + maxSent + " bytes before the server closed");
        FaultFigures.record("unauthenticated large bodies", "8 parallel 50 MB uploads: 401 at the head, at most "
            + maxSent / 1024 + " KiB accepted by the socket before the close, test-JVM heap change " + peakDelta + " MiB");
        gw.anonymous().get("/rest/apigateway/health").then().statusCode(200);
    }

    private static final long RESET = -2;

    /** Writes up to {@code size} bytes of body until the server answers or closes: {status, bytes written}. */
    private static long[] upload(int port, String path, String type, long size) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: " + size
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            try {
                while (sent < size) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException closed) {
                // the server closed the connection: what we want
            }
            try {
                InputStream in = s.getInputStream();
                String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
                return new long[] {head.length() == 12 ? Integer.parseInt(head.substring(9, 12)) : RESET, sent};
            } catch (IOException reset) { // a close with our bytes unread may reset the 401 away: refused all the same
                return new long[] {RESET, sent};
            }
        }
    }
}
