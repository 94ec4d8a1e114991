package dev.apigw.emulator.config;

/** The built-in echo backend and the demo API routed to it. */
public record DemoConfig(boolean enabled, String echoHost, int echoPort) {
    static DemoConfig from(ConfigReader r) {
        return new DemoConfig(r.bool("enabled"), r.string("echoHost"), r.integer("echoPort", 0, 65535));
    }
}
