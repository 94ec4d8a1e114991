package dev.apigw.emulator.runtime;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * While a node drains, clients must move to another node: an HTTP/1.x response says {@code Connection: close}; an
 * HTTP/2 connection (where that header is forbidden) gets a GOAWAY, so its streams in flight finish and no new ones
 * start (Gravitee's ShutdownProcessor does the same).
 */
public final class Draining {
    private Draining() {
    }

    /** Call while the response head is being written. */
    public static void moveOff(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) request.connection().shutdown();
        else request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
}
