package dev.apigw.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.RawHttp;
import dev.apigw.emulator.support.TestBackend;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Framing and failure cases of the forwarder, seen on the wire with raw sockets: HEAD, 204/304, HTTP/1.0 clients,
 * a backend breaking off mid-body, a client going away mid-upload or while waiting. One backend for the class,
 * behind {@code apis/edge.json}; what it sees is recorded per test.
 */
@GatewayIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeEdgeCasesIT {
    private Vertx vertx;
    private TestBackend backend;
    private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen());

    /**
     * What the backend saw of one test's requests: the outcome of the last one, "end" (complete) or "reset"
     * (connection lost first), and the bytes received. Handlers keep the test's own record, so a pooled upstream
     * connection closing later cannot write into the next test's.
     */
    static final class Seen {
        final AtomicReference<String> outcome = new AtomicReference<>();
        final AtomicLong received = new AtomicLong();
    }

    @BeforeAll
    void start(TestGateway gw, Vertx vertx) {
        this.vertx = vertx;
        backend = TestBackend.start(vertx, this::backend);
        gw.deploy("apis/edge.json", Map.of("backend", backend.url()));
    }

    @AfterAll
    void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void freshRecord() {
        seen.set(new Seen());
    }

    private String outcome() {
        return seen.get().outcome.get();
    }

    private long received() {
        return seen.get().received.get();
    }

    private void backend(HttpServerRequest req) {
        Seen s = seen.get();
        var res = req.response();
        switch (req.path()) {
            case "/chunked" -> res.setChunked(true).write("hello ").compose(v -> res.end("world"));
            case "/no-content" -> res.setStatusCode(204).end();
            case "/not-modified" -> res.setStatusCode(304).putHeader("ETag", "\"v1\"").end();
            case "/broken/chunked" -> res.setChunked(true).write("partial").onSuccess(v -> vertx.setTimer(50, t -> req.connection().close()));
            case "/broken/length" -> res.putHeader("Content-Length", "100000").write("partial")
                .onSuccess(v -> vertx.setTimer(50, t -> req.connection().close()));
            case "/upload" -> {
                req.handler(b -> s.received.addAndGet(b.length()));
                req.endHandler(v -> {
                    s.outcome.compareAndSet(null, "end");
                    res.end("got " + s.received.get());
                });
                req.exceptionHandler(e -> s.outcome.compareAndSet(null, "reset"));
                req.connection().closeHandler(v -> s.outcome.compareAndSet(null, "reset"));
            }
            case "/hang" -> {
                req.connection().closeHandler(v -> s.outcome.compareAndSet(null, "reset"));
                s.received.set(-1); // arrived, and never answered
            }
            default -> res.setStatusCode(500).end();
        }
    }

    @Test
    void head_gets_headers_without_body_or_chunked_framing(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "HEAD /gateway/Edge/1.0/chunked HTTP/1.1\nHost: a\nConnection: close\n\n");
        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertEquals("", RawHttp.body(raw));
    }

    @Test
    void no_content_and_not_modified_have_no_body_and_no_chunked_framing(TestGateway gw) {
        String noContent = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/no-content HTTP/1.1\nHost: a\nConnection: close\n\n");
        assertTrue(noContent.startsWith("HTTP/1.1 204"), noContent);
        assertNull(RawHttp.header(noContent, "Transfer-Encoding"), noContent);
        assertEquals("", RawHttp.body(noContent));
        String notModified = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/not-modified HTTP/1.1\nHost: a\nConnection: close\n\n");
        assertTrue(notModified.startsWith("HTTP/1.1 304"), notModified);
        assertNull(RawHttp.header(notModified, "Transfer-Encoding"), notModified);
        assertEquals("\"v1\"", RawHttp.header(notModified, "ETag"));
        assertEquals("", RawHttp.body(notModified));
    }

    @Test
    void http_1_0_client_gets_a_chunked_backend_answer_unchunked_until_close(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/chunked HTTP/1.0\n\n");
        assertTrue(raw.startsWith("HTTP/1.0 200"), raw);
        assertNull(RawHttp.header(raw, "Transfer-Encoding"), raw);
        assertEquals("hello world", RawHttp.body(raw));
    }

    @Test
    void http_1_0_keep_alive_client_gets_a_chunked_backend_answer_delimited_by_close(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/chunked HTTP/1.0\nConnection: keep-alive\n\n");
        assertTrue(raw.startsWith("HTTP/1.0 200"), raw);
        assertNull(RawHttp.header(raw, "Transfer-Encoding"), raw);
        assertEquals("hello world", RawHttp.body(raw));
    }

    @Test
    void http_1_1_client_gets_a_chunked_backend_answer_chunked(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/chunked HTTP/1.1\nHost: a\nConnection: close\n\n");
        assertEquals("chunked", RawHttp.header(raw, "Transfer-Encoding"), raw);
        assertTrue(RawHttp.body(raw).endsWith("0\r\n\r\n"), raw);
    }

    @Test
    void backend_breaking_off_a_chunked_body_resets_the_client_connection(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/broken/chunked HTTP/1.1\nHost: a\n\n");
        assertTrue(raw.startsWith("HTTP/1.1 200") && raw.contains("partial"), raw);
        assertFalse(RawHttp.body(raw).endsWith("0\r\n\r\n"), "a truncated body must not look complete: " + raw);
    }

    @Test
    void backend_breaking_off_a_sized_body_closes_the_client_connection_short(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Edge/1.0/broken/length HTTP/1.1\nHost: a\n\n");
        assertEquals("100000", RawHttp.header(raw, "Content-Length"), raw);
        assertEquals("partial", RawHttp.body(raw));
    }

    @Test
    void client_abort_mid_upload_resets_the_upstream_request(TestGateway gw) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /gateway/Edge/1.0/upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1000\r\n" + "x".repeat(4096) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Poll.until("first chunk at the backend", 5_000, () -> received() > 0);
        }
        Poll.until("backend told of the abort", 5_000, () -> outcome() != null);
        assertEquals("reset", outcome(), "the backend must not see a truncated upload as complete");
    }

    @Test
    void client_abort_mid_sized_upload_resets_the_upstream_request(TestGateway gw) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.getOutputStream().write(("POST /gateway/Edge/1.0/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n"
                + "y".repeat(10_000)).getBytes(StandardCharsets.ISO_8859_1));
            Poll.until("first bytes at the backend", 5_000, () -> received() > 0);
        }
        Poll.until("backend told of the abort", 5_000, () -> outcome() != null);
        assertEquals("reset", outcome());
    }

    @Test
    void client_leaving_while_the_backend_is_silent_releases_the_upstream_connection(TestGateway gw) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.getOutputStream().write("GET /gateway/Edge/1.0/hang HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Poll.until("request at the backend", 5_000, () -> received() < 0);
        }
        Poll.until("upstream connection closed", 5_000, () -> outcome() != null);
        assertEquals("reset", outcome());
    }

    @Test
    void complete_upload_is_streamed_and_answered(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "POST /gateway/Edge/1.0/upload HTTP/1.0\nContent-Length: 5\n\nabcde");
        assertTrue(raw.startsWith("HTTP/1.0 200"), raw);
        assertEquals("got 5", RawHttp.body(raw));
        assertEquals("end", outcome());
    }

    @Test
    void malformed_percent_encoding_in_the_api_name_is_a_4xx(TestGateway gw) {
        String raw = RawHttp.exchange(gw.port(), "GET /gateway/Edge%zz/1.0/chunked HTTP/1.1\nHost: a\nConnection: close\n\n");
        int status = Integer.parseInt(raw.substring(9, 12));
        assertTrue(status >= 400 && status < 500, raw);
        assertTrue(new JsonObject(RawHttp.body(raw)).getString("Exception").startsWith(RuntimeProxyIT.ERROR_PREFIX), raw);
    }

    @Test
    void expect_100_continue_is_answered_before_the_body_is_sent(TestGateway gw) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write("POST /gateway/Edge/1.0/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf); // a client waits for this before sending a large body
            assertTrue(new String(buf, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100"), new String(buf, 0, n));
            out.write("abcde".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Poll.until("upload answered", 5_000, () -> "end".equals(outcome()));
            assertEquals(5, received());
        }
    }

    /** A node of its own whose backends time out after 400 ms, behind the same backend. */
    @Nested
    @GatewayIT(set = "runtime.backendTimeoutMs=400")
    class WithABackendTimeoutOf400Ms {

        @Test
        void an_upload_longer_than_the_backend_timeout_is_not_cut_while_bytes_flow(TestGateway fast) throws IOException {
            fast.deploy("apis/edge.json", Map.of("backend", backend.url()));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", fast.port()));
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                int chunks = 12;
                out.write(("POST /gateway/Edge/1.0/upload HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: "
                    + chunks * 1000 + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 0; i < chunks; i++) { // 1.2 s of upload, a chunk every 100 ms
                    out.write("z".repeat(1000).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    try {
                        Thread.sleep(100); // pacing the client's upload, not synchronisation
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
                assertEquals("got " + chunks * 1000, RawHttp.body(raw));
            }
        }
    }
}
