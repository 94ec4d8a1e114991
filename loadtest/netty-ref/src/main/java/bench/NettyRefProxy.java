package bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference for loadtest/bench.sh stack: a pass-through reverse proxy on Netty alone (HTTP/1.1 codecs, one
 * keep-alive backend connection per request in flight, idle backend connections kept per event loop), to measure what
 * a data path below Vert.x's HTTP server and client would cost. Not a product: no backpressure, no timeouts, one
 * request at a time per client connection (no pipelining). -Dport=18092 -Dorigin.port=18080 -Dinstances=1
 * -Dtransport=epoll|nio (default epoll when it loads).
 */
public final class NettyRefProxy {
    private static final int ORIGIN_PORT = Integer.getInteger("origin.port", 18080);
    private static final String ORIGIN_HOST = "127.0.0.1:" + ORIGIN_PORT;
    /** Idle backend connections of the event loop that runs the caller (each loop keeps its own). */
    private static final FastThreadLocal<ArrayDeque<Channel>> IDLE = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Channel> initialValue() {
            return new ArrayDeque<>();
        }
    };
    private static boolean epoll;

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.getInteger("port", 18092);
        int instances = Integer.getInteger("instances", 1);
        epoll = !"nio".equals(System.getProperty("transport", "epoll")) && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(instances, io);
        Class<? extends ServerChannel> server = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        new ServerBootstrap().group(group).channel(server).childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new Front());
                }
            }).bind("127.0.0.1", port).sync();
        System.out.println("netty-ref-proxy transport: " + (epoll ? "epoll" : "nio"));
        System.out.println("netty-ref-proxy listening on 127.0.0.1:" + port);
    }

    /** Drops the headers that belong to one hop; the message framing (Content-Length, Transfer-Encoding) passes. */
    private static void stripHopByHop(HttpHeaders h) {
        h.remove(HttpHeaderNames.CONNECTION).remove(HttpHeaderNames.KEEP_ALIVE).remove(HttpHeaderNames.PROXY_AUTHENTICATE)
            .remove(HttpHeaderNames.PROXY_AUTHORIZATION).remove(HttpHeaderNames.TE).remove(HttpHeaderNames.TRAILER)
            .remove(HttpHeaderNames.UPGRADE);
    }

    /** One client connection: forwards its request to a backend connection taken from the loop's idle ones. */
    private static final class Front extends ChannelInboundHandlerAdapter {
        private Channel channel;
        private Channel backend;
        /** Messages read while the backend connection was being opened. */
        private List<Object> pending;
        private boolean keepAlive;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest req) {
                keepAlive = HttpUtil.isKeepAlive(req);
                stripHopByHop(req.headers());
                req.headers().set(HttpHeaderNames.HOST, ORIGIN_HOST);
                backend = IDLE.get().pollFirst();
                if (backend == null) connect(ctx);
                else backend.pipeline().get(Back.class).front = this;
            }
            if (pending != null) pending.add(msg);
            else if (backend == null) ReferenceCountUtil.release(msg);
            else if (msg instanceof LastHttpContent) backend.writeAndFlush(msg, backend.voidPromise());
            else backend.write(msg, backend.voidPromise());
        }

        private void connect(ChannelHandlerContext ctx) {
            pending = new ArrayList<>(2);
            Back back = new Back();
            back.front = this;
            new Bootstrap().group(ctx.channel().eventLoop())
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), back);
                    }
                }).connect("127.0.0.1", ORIGIN_PORT).addListener((ChannelFutureListener) f -> {
                    List<Object> queued = pending;
                    pending = null;
                    if (!f.isSuccess()) {
                        queued.forEach(ReferenceCountUtil::release);
                        ctx.close();
                        return;
                    }
                    backend = f.channel();
                    queued.forEach(m -> backend.write(m, backend.voidPromise()));
                    backend.flush();
                });
        }

        /** The backend answered in full: the client connection may read its next request. */
        void responded() {
            backend = null;
            if (!keepAlive) channel.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (backend != null) backend.close(); // mid-exchange: the backend connection cannot be reused
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One backend connection: relays its responses to the client connection it currently serves. */
    private static final class Back extends ChannelInboundHandlerAdapter {
        /** The client connection this backend connection serves now; null while idle. */
        Front front;
        private boolean reusable;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Front f = front;
            if (f == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpMessage res) {
                reusable = HttpUtil.isKeepAlive(res);
                stripHopByHop(res.headers());
            }
            Channel client = f.channel;
            if (!(msg instanceof LastHttpContent)) {
                client.write(msg, client.voidPromise());
                return;
            }
            client.writeAndFlush(msg, client.voidPromise());
            front = null;
            f.responded();
            if (reusable) IDLE.get().addFirst(ctx.channel());
            else ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IDLE.get().remove(ctx.channel());
            if (front != null) front.channel.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
