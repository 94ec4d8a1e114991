package dev.apigw.emulator.support;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A tiny real HTTP backend on 127.0.0.1, port 0, with the behaviour a test needs. */
public final class TestBackend implements AutoCloseable {
    private final HttpServer server;

    private TestBackend(HttpServer server) {
        this.server = server;
    }

    public static TestBackend start(Vertx vertx, Handler<HttpServerRequest> handler) {
        return new TestBackend(Await.result(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")));
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A loopback port nothing listens on (bound, then released): connecting to it is refused. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Await.result(server.close());
    }
}
