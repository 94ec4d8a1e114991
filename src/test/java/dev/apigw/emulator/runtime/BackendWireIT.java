package dev.apigw.emulator.runtime;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the forwarder's own HTTP/1.1 client leg (Netty's codec under {@link BackendCall}) decides from the backend's
 * bytes, against a backend that writes its answers by hand on a TCP server: interim 1xx answers, a body that ends with
 * the connection, an answer that is not HTTP, and the framing of a body-less POST. Each request's head and the
 * connection it came on are recorded.
 */
@GatewayIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendWireIT {
    private NetServer server;
    private DeployedApi api;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start(TestGateway gw, Vertx vertx) {
        server = Await.result(vertx.createNetServer().connectHandler(this::serve).listen(0, "127.0.0.1"));
        api = RuntimeProxyIT.serve(gw, "Wire", "http://127.0.0.1:" + server.actualPort());
    }

    @AfterAll
    void stop() {
        Await.result(server.close());
    }

    @BeforeEach
    void forget() {
        heads.clear();
        connections.clear();
    }

    /** One request head at a time per connection (the forwarder never pipelines): answer it by its path. */
    private void serve(NetSocket socket) {
        StringBuilder pending = new StringBuilder();
        socket.handler(bytes -> {
            pending.append(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
            int end = pending.indexOf("\r\n\r\n");
            if (end < 0) return;
            String head = pending.substring(0, end);
            pending.delete(0, end + 4);
            heads.add(head);
            connections.add(socket.remoteAddress().port());
            answer(socket, head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1)));
        });
    }

    private static void answer(NetSocket socket, String path) {
        switch (path) {
            case "/m" -> socket.write("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            case "/x" -> socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")
                .onComplete(v -> socket.close());
            case "/status/empty" -> socket.write(Buffer.buffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            case "/r" -> socket.write("this is not HTTP\r\n\r\n");
            // an answer, then one nobody asked for (as a server timing the idle connection out might send)
            case "/status/stray" -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n");
            // refuses an upload at once, without reading it (the socket stops reading)
            case "/post" -> {
                socket.pause();
                socket.write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n");
            }
            default -> socket.write(Buffer.buffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        }
    }

    @Test
    void an_interim_1xx_answer_is_skipped_and_the_final_answer_relayed(TestGateway gw) {
        gw.anonymous().get(api.path() + "/m").then().statusCode(200).body(equalTo("hello"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).body(equalTo("ok"));
        assertEquals(1, connections.size(), "the connection stays in use after an interim answer");
    }

    @Test
    void a_body_that_ends_with_the_connection_is_relayed_whole_and_the_connection_not_reused(TestGateway gw) {
        gw.anonymous().get(api.path() + "/x").then().statusCode(200).body(equalTo("until the end"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).body(equalTo("ok"));
        assertEquals(2, connections.size(), "a close-delimited body leaves nothing to reuse");
    }

    @Test
    void an_answer_that_is_not_http_is_a_503_with_the_reason(TestGateway gw) {
        gw.anonymous().get(api.path() + "/r").then().statusCode(503)
            .body("Exception", containsString("native service"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).body(equalTo("ok"));
    }

    @Test
    void an_idle_connection_that_receives_an_unasked_answer_is_not_used_again(TestGateway gw) {
        gw.anonymous().get(api.path() + "/status/stray").then().statusCode(200).body(equalTo("ok"));
        gw.anonymous().get(api.path() + "/get").then().statusCode(200).body(equalTo("ok"));
        assertEquals(2, connections.size(), "the connection out of step was closed, the next request got a new one");
    }

    /**
     * A guard more than a regression test: the build before the explicit drain passed it too (its closed connection
     * let the body through).
     */
    @Test
    void a_client_whose_upload_the_backend_refused_early_can_finish_sending_and_reuse_its_connection(TestGateway gw)
        throws Exception {
        byte[] body = new byte[4 * 1024 * 1024];
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String head = "POST " + api.path() + "/post HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                + "\r\n\r\n";
            String next = "GET " + api.path() + "/get HTTP/1.1\r\nHost: x\r\n\r\n";
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.write(next.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            sending.get(10, TimeUnit.SECONDS); // never left paused: the refused body is read and dropped
            String answers = readUntil(s.getInputStream(), "\r\n\r\nok");
            assertTrue(answers.startsWith("HTTP/1.1 413"), answers);
            assertTrue(answers.contains("HTTP/1.1 200"), answers);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[8192];
        while (seen.indexOf(end) < 0) {
            int n = in.read(buf);
            if (n < 0) break;
            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return seen.toString();
    }

    @Test
    void a_body_less_post_says_its_length_is_zero_and_a_get_says_nothing(TestGateway gw) {
        gw.anonymous().post(api.path() + "/status/empty").then().statusCode(200);
        gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        assertTrue(heads.get(0).startsWith("POST /status/empty "), heads.get(0));
        assertTrue(heads.get(0).toLowerCase().contains("\r\ncontent-length: 0"), heads.get(0));
        assertTrue(!heads.get(1).toLowerCase().contains("content-length"), heads.get(1));
        assertTrue(heads.get(1).toLowerCase().contains("\r\nhost: 127.0.0.1:"), heads.get(1));
    }
}
