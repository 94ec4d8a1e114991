package dev.apigw.emulator;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class NodeTransportTest {

    @Test
    void nio_is_taken_when_forced() {
        assertSame(Transport.NIO, NodeTransport.choose("nio"));
    }

    @Test
    void auto_takes_an_available_transport_and_native_on_linux_x86_64_when_it_loads() {
        Transport t = NodeTransport.choose("auto");
        assertTrue(t.available());
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");
        if (linuxX64 && Transport.EPOLL != null && Transport.EPOLL.available()) assertSame(Transport.EPOLL, t);
    }
}
