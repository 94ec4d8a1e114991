package dev.apigw.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes HTTP/1.x connections that do not deliver a complete request head in time (slowloris: a head trickled a byte at
 * a time defeats the idle timeout, which every byte resets): each head after the first must arrive within
 * {@code nextMs} of the previous response's end; while a request is in progress the backend and idle timeouts apply
 * instead. Vert.x 5.1 shows an HTTP/1.x connection to the application only once its first head is complete, so the
 * first head of a connection is bounded by the idle timeout per byte and the header size limits alone (the
 * {@code firstMs} branch applies to connections reported before their first head). One instance per verticle,
 * confined to its event loop: a sweep a few times per deadline looks at each open connection (a field read each), so
 * nothing runs per byte.
 */
final class RequestHeadTimeout {
    private final Vertx vertx;
    private final long firstMs;
    private final long nextMs;
    private final Map<HttpConnection, Watch> watched = new HashMap<>();
    private long timer = -1;

    /** A connection's state: the request it serves (null before the first) and since when it waits for a head. */
    private static final class Watch {
        HttpServerRequest current;
        long waitingSince;

        Watch(long now) {
            this.waitingSince = now;
        }
    }

    /** @param nextMs 0 = no bound between requests (the idle timeout alone applies) */
    RequestHeadTimeout(Vertx vertx, long firstMs, long nextMs) {
        this.vertx = vertx;
        this.firstMs = firstMs;
        this.nextMs = nextMs;
    }

    void start() {
        if (firstMs > 0) timer = vertx.setPeriodic(Math.max(50, firstMs / 4), id -> sweep());
    }

    void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
        watched.clear();
    }

    void connected(HttpConnection connection) {
        if (firstMs <= 0) return;
        watched.put(connection, new Watch(System.currentTimeMillis()));
        connection.closeHandler(v -> watched.remove(connection));
    }

    /** A complete head arrived. */
    void request(HttpServerRequest request) {
        Watch w = watched.get(request.connection());
        if (w == null) return;
        if (request.version() == HttpVersion.HTTP_2) { // streams multiplexed on one connection: not a head per request
            watched.remove(request.connection());
            return;
        }
        w.current = request;
        w.waitingSince = -1;
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        List<HttpConnection> late = new ArrayList<>();
        watched.forEach((connection, w) -> {
            if (w.current != null && !w.current.response().ended()) return; // in progress: other timeouts apply
            if (w.waitingSince < 0) w.waitingSince = now; // its response ended since the last sweep
            long limit = w.current == null ? firstMs : nextMs;
            if (limit > 0 && now - w.waitingSince > limit) late.add(connection);
        });
        for (HttpConnection c : late) {
            watched.remove(c);
            c.close();
        }
    }

    /** Connections watched now (tests). */
    int watched() {
        return watched.size();
    }
}
