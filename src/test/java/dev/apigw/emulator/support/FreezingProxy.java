package dev.apigw.emulator.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real TCP proxy on 127.0.0.1 port 0 in front of a Redis, able to make the pub/sub connections through it go
 * silent: {@link #freezeSubscriptions()} stops forwarding in both directions on every connection that has sent a
 * SUBSCRIBE, without closing anything, the way a network partition or a dead peer without a RST looks to a client.
 * New connections are forwarded normally.
 */
public final class FreezingProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient upstreams;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();

    /** One client connection and its upstream; {@code frozen} drops whatever either side sends. */
    private static final class Link {
        volatile boolean subscriber;
        volatile boolean frozen;
    }

    private FreezingProxy(Vertx vertx, int targetPort) {
        upstreams = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            upstreams.connect(targetPort, "127.0.0.1").onSuccess(upstream -> link(client, upstream))
                .onFailure(err -> client.close());
        });
    }

    public static FreezingProxy start(Vertx vertx, int targetPort) {
        FreezingProxy p = new FreezingProxy(vertx, targetPort);
        Await.result(p.server.listen(0, "127.0.0.1"));
        return p;
    }

    private void link(NetSocket client, NetSocket upstream) {
        Link link = new Link();
        links.add(link);
        client.handler(data -> {
            if (data.toString().toUpperCase(Locale.ROOT).contains("SUBSCRIBE")) link.subscriber = true;
            forward(link, data, upstream);
        });
        upstream.handler(data -> forward(link, data, client));
        client.closeHandler(v -> {
            links.remove(link);
            upstream.close();
        });
        upstream.closeHandler(v -> client.close());
        client.resume();
    }

    private static void forward(Link link, Buffer data, NetSocket to) {
        if (!link.frozen) to.write(data);
    }

    /** Silences every connection that subscribed so far; returns how many. */
    public int freezeSubscriptions() {
        int n = 0;
        for (Link l : links) {
            if (l.subscriber) {
                l.frozen = true;
                n++;
            }
        }
        return n;
    }

    public String url() {
        return "redis://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        Await.result(server.close());
        Await.result(upstreams.close());
    }
}
