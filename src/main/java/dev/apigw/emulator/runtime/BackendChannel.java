package dev.apigw.emulator.runtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;

/**
 * One keep-alive connection to a backend, as the last handler of its Netty pipeline (after the HTTP/1.1 client codec
 * and, for HTTPS, TLS): it hands what the backend sends to the {@link BackendCall} it serves now and tells that call
 * when the connection breaks. The same object for the connection's whole life; confined to its event loop, which is
 * the event loop of the forwarder that opened it.
 */
final class BackendChannel extends ChannelInboundHandlerAdapter {
    /** Why a call broke when the backend closed the connection without an error of its own. */
    private static final ClosedChannelException CLOSED = new ClosedChannelException() {
        @Override
        public String getMessage() {
            return "the native service closed the connection";
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    };
    /** What a call is told when the connection can take more of its upload again. */
    static final Object WRITABLE = new Object();

    private final BackendConnections.Origin origin;
    private Channel channel;
    private BackendCall call;
    private Throwable failure;
    private boolean closed;
    long idleSince;

    BackendChannel(BackendConnections.Origin origin) {
        this.origin = origin;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    Channel channel() {
        return channel;
    }

    /** Open, and not known to be closing: only such a connection may serve an exchange. */
    boolean usable() {
        return !closed && channel.isActive();
    }

    /** From now on, what the backend sends belongs to {@code call}. */
    void serve(BackendCall call) {
        this.call = call;
    }

    /**
     * The call is over: the connection serves the next exchange, unless it cannot (the backend is closing it, the body
     * was delimited by the close, the upload has not ended, or the call broke), in which case it is closed.
     */
    void release(boolean reusable) {
        call = null;
        if (closed) return;
        if (!channel.config().isAutoRead()) channel.config().setAutoRead(true);
        // a body that ended with the connection is delivered before the close is: not reusable, though not yet closed
        if (reusable && channel.isActive()) origin.recycle(this);
        else channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        BackendCall c = call;
        if (c != null) {
            c.context().emit(msg, c);
            return;
        }
        // nothing is owed to anyone: bytes on an idle connection (an unasked answer, a 408 before a close) leave it
        // out of step with its requests, so it must not serve another exchange
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        BackendCall c = call;
        if (c != null && channel.isWritable()) c.context().emit(WRITABLE, c);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) failure = cause; // the first reason is the one the client hears
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        origin.closed(this);
        BackendCall c = call;
        call = null;
        if (c != null) c.context().emit(failure != null ? failure : CLOSED, c);
    }
}
