package dev.apigw.emulator.support;

import java.time.Duration;

/** Registers APIs and waits until the runtime serves them (the route table is swapped asynchronously). */
public final class ServedApis {
    private ServedApis() {
    }

    /** Registers and activates {@code name 1.0}; returns once {@code probePath} no longer answers 404. */
    public static String serve(TestGateway gw, String name, String serverUrl, String probePath, String... paths) {
        String id = TestApis.registerActive(gw, name, "1.0", serverUrl, paths);
        awaitServed(gw, name, probePath);
        return id;
    }

    public static void awaitServed(TestGateway gw, String name, String probePath) {
        String base = "/gateway/" + name.replace(" ", "%20") + "/1.0";
        Eventually.until(Duration.ofSeconds(5), name + " served", () -> gw.anonymous().urlEncodingEnabled(false)
            .get(base + probePath).statusCode() != 404);
    }
}
