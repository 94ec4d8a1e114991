package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The keep-alive connections of one event loop to its backends: Netty channels on that event loop (HTTP/1.1 client
 * codec, TLS for HTTPS), opened and kept here. Vert.x's HTTP client (its pool, connection and stream objects, futures
 * and outbound queue) cost about 15 % of a proxied request's CPU on one core, and the runtime needs only a small
 * part of what it does. Names are resolved by Vert.x's resolver, so a connect never blocks the loop. Confined to the
 * event loop that made it (a call from any other thread moves there first, where the exchange lives anyway).
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
    /** The response head limits of Vert.x's HTTP client, which this replaces. */
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig().setMaxInitialLineLength(4096)
        .setMaxHeaderSize(8192).setMaxChunkSize(8192).setHeadersFactory(VertxHeaders.FACTORY)
        .setTrailersFactory(VertxHeaders.FACTORY);
    private final Vertx vertx;
    private final RuntimeConfig config;
    private final ContextInternal context;
    private final Bootstrap bootstrap;
    private final SslContext tlsContext;
    private final Thread owner = Thread.currentThread();
    /** By {@link RoutingTarget#hostHeader()} (host, and port when not the scheme's default), one map per scheme. */
    private final Map<String, Origin> plain = new HashMap<>();
    private final Map<String, Origin> tls = new HashMap<>();
    private final List<Map<String, Origin>> both = List.of(plain, tls);
    /** Every connection open now, idle or serving, so that {@link #close()} closes them all. */
    private final Set<BackendChannel> all = new HashSet<>();
    private final long sweep;
    private boolean closing;

    BackendConnections(Vertx vertx, RuntimeConfig config, SslContext tlsContext) {
        this.vertx = vertx;
        this.config = config;
        this.tlsContext = tlsContext;
        this.context = (ContextInternal) vertx.getOrCreateContext();
        VertxInternal internal = (VertxInternal) vertx;
        this.bootstrap = new Bootstrap().group(context.nettyEventLoop())
            .channelFactory(internal.transport().channelFactory(false))
            .resolver(internal.nameResolver().nettyAddressResolverGroup())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMs());
        this.sweep = vertx.setPeriodic(1_000, id -> closeIdle(System.nanoTime() - KEEP_ALIVE_MS * 1_000_000));
    }

    /** A connection to the target's backend for one exchange, or why there is none; {@code ready} runs on this loop. */
    void acquire(RoutingTarget target, Completable<BackendChannel> ready) {
        if (Thread.currentThread() != owner) {
            context.runOnContext(v -> acquire(target, ready));
            return;
        }
        if (closing) {
            ready.fail(new IllegalStateException("the node is stopping"));
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
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> closeAll().onComplete(done));
        return done.future();
    }

    /** Idle and busy alike (a call still running is cut); a connection released later is closed then. */
    private Future<Void> closeAll() {
        closing = true;
        vertx.cancelTimer(sweep);
        List<Future<Void>> closed = new ArrayList<>();
        for (BackendChannel c : List.copyOf(all)) {
            Promise<Void> one = Promise.promise();
            c.channel().close().addListener(f -> one.complete());
            closed.add(one.future());
        }
        return Future.join(closed).mapEmpty();
    }

    /** The connections and the waiting line of one backend. */
    final class Origin {
        private final RoutingTarget target;
        private final InetSocketAddress address;
        private final ArrayDeque<BackendChannel> idle = new ArrayDeque<>();
        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        /** Open or opening. */
        private int open;

        Origin(RoutingTarget target) {
            this.target = target;
            // unresolved: Vert.x's resolver looks the name up without blocking the loop
            this.address = InetSocketAddress.createUnresolved(target.host(), target.port());
        }

        void acquire(Completable<BackendChannel> ready) {
            BackendChannel c = idle.pollLast();
            while (c != null && !c.usable()) c = idle.pollLast(); // closing: its close will count it out
            if (c != null) ready.succeed(c);
            else if (open < config.maxConnectionsPerBackend()) connect(ready);
            else if (waiters.size() >= config.maxWaitQueueSize()) ready.fail(new QueueFull(config.maxWaitQueueSize()));
            else waiters.add(new Waiter(this, ready));
        }

        private void connect(Completable<BackendChannel> ready) {
            open++;
            BackendChannel handler = new BackendChannel(this);
            ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (target.ssl()) p.addLast(tlsContext.newHandler(ch.alloc(), target.host(), target.port()));
                    p.addLast(new HttpClientCodec(DECODER, false, false), handler);
                }
            }).connect(address);
            connecting.addListener((ChannelFutureListener) f -> context.emit(f, done -> {
                if (done.isSuccess()) {
                    all.add(handler);
                    ready.succeed(handler);
                    return;
                }
                // never active, so no channelInactive will say so; counted out before anything else runs
                closed(handler);
                ready.fail(done.cause());
            }));
        }

        void recycle(BackendChannel c) {
            if (closing) {
                c.channel().close();
                return;
            }
            Waiter next = waiters.poll();
            if (next != null) {
                next.served(c);
                return;
            }
            c.idleSince = System.nanoTime();
            idle.addLast(c);
        }

        /** Closed, or failed to open: it no longer counts, and its place may go to the first in line. */
        void closed(BackendChannel c) {
            open--;
            all.remove(c);
            idle.remove(c);
            serveWaiter();
        }

        /** A place freed up: the first in line gets a new connection. */
        private void serveWaiter() {
            if (open >= config.maxConnectionsPerBackend()) return;
            Waiter next = waiters.poll();
            if (next != null) next.connect();
        }

        void closeIdle(long before) {
            while (!idle.isEmpty() && idle.peekFirst().idleSince - before < 0) idle.pollFirst().channel().close();
        }
    }

    /** A request waiting for a connection to its backend, until {@code poolWaitTimeoutMs}. */
    private final class Waiter {
        private final Origin origin;
        private final Completable<BackendChannel> ready;
        private final long timer;

        Waiter(Origin origin, Completable<BackendChannel> ready) {
            this.origin = origin;
            this.ready = ready;
            this.timer = vertx.setTimer(config.poolWaitTimeoutMs(), id -> {
                if (origin.waiters.remove(this)) ready.fail(new TimeoutException("no connection became free"));
            });
        }

        void served(BackendChannel c) {
            vertx.cancelTimer(timer);
            ready.succeed(c);
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
