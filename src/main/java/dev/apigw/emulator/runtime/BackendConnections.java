package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The keep-alive connections of one event loop to its backends, kept here instead of in Vert.x's client pool: the
 * pool's endpoint lookup, leases and futures cost about 5 % of a proxied request's CPU on one core, and the runtime
 * needs only a small part of what it does. Confined to the event loop that made it (a call from any other thread
 * moves there first, where the exchange lives anyway).
 *
 * <p>Per backend ({@code http(s)://host:port}): at most {@code maxConnectionsPerBackend} connections open or opening;
 * a request finding none free waits in line, at most {@code maxWaitQueueSize} of them, each at most
 * {@code poolWaitTimeoutMs} (then 503). A connection returns when its exchange ended on both sides and is reused last
 * in, first out, so after a burst the surplus ages out: idle longer than {@link #KEEP_ALIVE_MS} it is closed (one
 * sweep a second). One the backend closed is forgotten at once.
 */
final class BackendConnections {
    /** How long an unused connection stays open: Vert.x's client default, under common servers' own (nginx 75 s). */
    static final long KEEP_ALIVE_MS = 60_000;
    private final HttpClientAgent client;
    private final Vertx vertx;
    private final RuntimeConfig config;
    private final Context context;
    private final Thread owner = Thread.currentThread();
    /** By {@link RoutingTarget#hostHeader()} (host, and port when not the scheme's default), one map per scheme. */
    private final Map<String, Origin> plain = new HashMap<>();
    private final Map<String, Origin> tls = new HashMap<>();
    private final List<Map<String, Origin>> both = List.of(plain, tls);
    private final long sweep;

    BackendConnections(Vertx vertx, HttpClientAgent client, RuntimeConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.context = vertx.getOrCreateContext();
        this.sweep = vertx.setPeriodic(1_000, id -> closeIdle(System.nanoTime() - KEEP_ALIVE_MS * 1_000_000));
    }

    /** A connection to the target's backend for one exchange, or why there is none; {@code ready} runs on this loop. */
    void acquire(RoutingTarget target, Completable<Pooled> ready) {
        if (Thread.currentThread() != owner) {
            context.runOnContext(v -> acquire(target, ready));
            return;
        }
        Map<String, Origin> origins = target.ssl() ? tls : plain;
        Origin origin = origins.get(target.hostHeader());
        if (origin == null) origins.put(target.hostHeader(), origin = new Origin(target));
        origin.acquire(ready);
    }

    private void closeIdle(long idleSince) {
        for (Map<String, Origin> origins : both) {
            for (Origin origin : origins.values()) origin.closeIdle(idleSince);
        }
    }

    Future<Void> close() {
        vertx.cancelTimer(sweep);
        List<Future<Void>> closing = new ArrayList<>();
        for (Map<String, Origin> origins : both) {
            for (Origin origin : origins.values()) {
                for (Pooled p : List.copyOf(origin.idle)) closing.add(p.connection.close());
            }
        }
        return Future.join(closing).mapEmpty();
    }

    /** One connection and its place in the line of its backend; the same object for the connection's whole life. */
    final class Pooled implements Handler<Void> {
        final HttpClientConnection connection;
        private final Origin origin;
        private long idleSince;
        private boolean closed;

        private Pooled(HttpClientConnection connection, Origin origin) {
            this.connection = connection;
            this.origin = origin;
        }

        /**
         * The response ended: the connection serves the next exchange, unless the backend is closing it (it said so
         * in the response: Vert.x closes it after this end, too late for the next request) or the upload has not
         * ended (an early answer to a request still sending), which leaves nothing reusable.
         */
        void release(boolean keepAlive) {
            if (closed) return;
            if (!keepAlive || connection.activeStreams() > 0) connection.close();
            else origin.recycle(this);
        }

        /** The connection closed (by either side, or a reset exchange): it no longer counts. */
        @Override
        public void handle(Void v) {
            closed = true;
            origin.closed(this);
        }
    }

    /** The connections and the waiting line of one backend. */
    private final class Origin {
        private final HttpConnectOptions connect;
        private final ArrayDeque<Pooled> idle = new ArrayDeque<>();
        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        /** Open or opening. */
        private int open;

        Origin(RoutingTarget target) {
            this.connect = new HttpConnectOptions().setHost(target.host()).setPort(target.port()).setSsl(target.ssl())
                .setConnectTimeout(config.connectTimeoutMs());
        }

        void acquire(Completable<Pooled> ready) {
            Pooled p = idle.pollLast();
            if (p != null) ready.succeed(p);
            else if (open < config.maxConnectionsPerBackend()) connect(ready);
            else if (waiters.size() >= config.maxWaitQueueSize()) ready.fail(new QueueFull(config.maxWaitQueueSize()));
            else waiters.add(new Waiter(this, ready));
        }

        private void connect(Completable<Pooled> ready) {
            open++;
            client.connect(connect).onComplete((connection, err) -> {
                if (err != null) {
                    open--;
                    ready.fail(err);
                    serveWaiter();
                    return;
                }
                Pooled p = new Pooled(connection, this);
                connection.closeHandler(p);
                ready.succeed(p);
            });
        }

        void recycle(Pooled p) {
            Waiter next = waiters.poll();
            if (next != null) {
                next.served(p);
                return;
            }
            p.idleSince = System.nanoTime();
            idle.addLast(p);
        }

        void closed(Pooled p) {
            open--;
            idle.remove(p);
            serveWaiter();
        }

        /** A place freed up: the first in line gets a new connection. */
        private void serveWaiter() {
            if (open >= config.maxConnectionsPerBackend()) return;
            Waiter next = waiters.poll();
            if (next != null) next.connect();
        }

        void closeIdle(long before) {
            while (!idle.isEmpty() && idle.peekFirst().idleSince - before < 0) idle.pollFirst().connection.close();
        }
    }

    /** A request waiting for a connection to its backend, until {@code poolWaitTimeoutMs}. */
    private final class Waiter {
        private final Origin origin;
        private final Completable<Pooled> ready;
        private final long timer;

        Waiter(Origin origin, Completable<Pooled> ready) {
            this.origin = origin;
            this.ready = ready;
            this.timer = vertx.setTimer(config.poolWaitTimeoutMs(), id -> {
                if (origin.waiters.remove(this)) ready.fail(new TimeoutException("no connection became free"));
            });
        }

        void served(Pooled p) {
            vertx.cancelTimer(timer);
            ready.succeed(p);
        }

        void connect() {
            vertx.cancelTimer(timer);
            origin.connect(ready);
        }
    }

    /** More requests wait for this backend than {@code maxWaitQueueSize} allows. */
    static final class QueueFull extends RuntimeException {
        QueueFull(int size) {
            super(size + " requests already wait for a connection to the native service", null, false, false);
        }
    }
}
