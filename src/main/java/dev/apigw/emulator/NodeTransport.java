package dev.apigw.emulator;

import dev.apigw.emulator.config.ConfigException;
import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network transport of the node's Vert.x: Netty's native epoll on Linux when it loads (fewer system calls and
 * copies than Java NIO), else io_uring, else NIO; {@code runtime.transport} forces one. A forced native transport
 * that cannot load stops the start with the reason; {@code auto} falls back quietly and says which it took.
 */
final class NodeTransport {
    private static final Logger LOG = LoggerFactory.getLogger(NodeTransport.class);

    private NodeTransport() {
    }

    static Transport choose(String setting) {
        Transport chosen = switch (setting) {
            case "nio" -> Transport.NIO;
            case "epoll" -> required(Transport.EPOLL, "epoll");
            case "io_uring" -> required(Transport.IO_URING, "io_uring");
            default -> automatic();
        };
        LOG.info("network transport: {} (runtime.transport: {})", chosen.name(), setting);
        return chosen;
    }

    private static Transport automatic() {
        if (Transport.EPOLL != null && Transport.EPOLL.available()) return Transport.EPOLL;
        if (Transport.IO_URING != null && Transport.IO_URING.available()) return Transport.IO_URING;
        return Transport.NIO;
    }

    private static Transport required(Transport transport, String name) {
        if (transport != null && transport.available()) return transport;
        String why = transport == null ? "not on this platform" : String.valueOf(transport.unavailabilityCause());
        throw new ConfigException("runtime.transport", name + " cannot be used here: " + why);
    }
}
