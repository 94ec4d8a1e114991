package dev.apigw.emulator.support;

import dev.apigw.emulator.demo.EchoBackend;

/** The echo backend a {@link GatewayIT} class runs against: {@code /get}, {@code /post}, {@code /delay/{ms}}, ... */
public record Echo(EchoBackend backend) {

    public int port() {
        return backend.port();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }
}
