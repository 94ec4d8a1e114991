package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.lifecycle.Contexts;
import dev.apigw.emulator.lifecycle.Lifecycle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Integration Server ports this node knows (only what quiesce needs): ports created through
 * {@code POST /rest/apigateway/ports}, enabled through {@code PUT /ports/enable}, and the one named by
 * {@code setQuiescePort}. The quiesce port listens while it is both enabled and chosen; it is what a quiesced node
 * still answers on. Kept in memory per node (ports are node settings in the product, too). Thread-safe.
 *
 * <p>The port exists before what it serves (the admin resources that set it up need it), so, like a Vert.x
 * {@code HttpServer}, it is given its request handler when it starts serving: {@link #serving}.
 */
public final class QuiescePort {
    /** A port definition: its alias, number and whether it is enabled. */
    public record Port(String alias, int number, boolean enabled) {
        public String listenerKey() {
            return "HTTPListener@" + number;
        }
    }

    private final Vertx vertx;
    private final String host;
    private final Map<String, Port> byAlias = new ConcurrentHashMap<>();
    private volatile Handler<HttpServerRequest> handler;
    private volatile String quiesceAlias;
    private volatile Listening server;

    /**
     * The quiesce port's server, deployed as its own verticle: a server created on a main-port event loop (where the
     * set-up calls run) would be closed with that verticle when the main port closes.
     */
    private static final class Listening extends VerticleBase {
        private final int number;
        private final String host;
        private final Handler<HttpServerRequest> handler;
        private volatile HttpServer http;
        private volatile String deploymentId;

        Listening(int number, String host, Handler<HttpServerRequest> handler) {
            this.number = number;
            this.host = host;
            this.handler = handler;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer().requestHandler(handler).listen(number, host).onSuccess(s -> http = s);
        }

        int actualPort() {
            return http.actualPort();
        }
    }

    private final Context home;

    /** @param home a context that belongs to no verticle (see {@link Contexts}) */
    public QuiescePort(Vertx vertx, Context home, String host) {
        this.vertx = vertx;
        this.home = home;
        this.host = host;
    }

    /**
     * The part of the node's life that serves {@code handler} on the quiesce port: at start it binds the configured
     * port ({@code configuredPort} &gt; 0, alias QuiescePort), at stop it closes whatever listens.
     */
    public Lifecycle serving(Handler<HttpServerRequest> handler, int configuredPort) {
        this.handler = handler;
        return Lifecycle.of("quiesce port", () -> {
            if (configuredPort <= 0) return Future.succeededFuture();
            define("QuiescePort", configuredPort);
            return enable(byAlias("QuiescePort")).compose(v -> choose("QuiescePort"));
        }, this::close);
    }

    /** Creates a port definition; false when the alias or number is taken. */
    public boolean define(String alias, int number) {
        if (byAlias.values().stream().anyMatch(p -> p.number() == number)) return false;
        return byAlias.putIfAbsent(alias, new Port(alias, number, false)) == null;
    }

    public Port byListenerKey(String key) {
        return byAlias.values().stream().filter(p -> p.listenerKey().equals(key)).findFirst().orElse(null);
    }

    public Port byAlias(String alias) {
        return byAlias.get(alias);
    }

    public synchronized Future<Void> enable(Port port) {
        byAlias.put(port.alias(), new Port(port.alias(), port.number(), true));
        return listenIfReady();
    }

    /** {@code setQuiescePort}: chooses the port through which the node enters and leaves quiesce mode. */
    public synchronized Future<Void> choose(String alias) {
        quiesceAlias = alias;
        return listenIfReady();
    }

    /** True when a quiesce port is chosen, enabled and listening: the precondition of quiesce for all. */
    public boolean ready() {
        return server != null;
    }

    /** The bound quiesce port, or -1. */
    public int actualPort() {
        Listening s = server;
        return s == null ? -1 : s.actualPort();
    }

    private Future<Void> listenIfReady() {
        Port port = quiesceAlias == null ? null : byAlias.get(quiesceAlias);
        if (port == null || !port.enabled()) return Future.succeededFuture();
        Listening old = server;
        if (old != null && old.actualPort() == port.number()) return Future.succeededFuture();
        server = null;
        Listening next = new Listening(port.number(), host, req -> handler.handle(req));
        return undeploy(old).compose(v -> Contexts.on(home, () -> vertx.deployVerticle(next))).onSuccess(id -> {
            next.deploymentId = id;
            server = next;
        }).mapEmpty();
    }

    public Future<Void> close() {
        Listening s = server;
        server = null;
        return undeploy(s);
    }

    private Future<Void> undeploy(Listening s) {
        return s == null || s.deploymentId == null ? Future.succeededFuture() : Contexts.on(home, () -> vertx.undeploy(s.deploymentId));
    }
}
