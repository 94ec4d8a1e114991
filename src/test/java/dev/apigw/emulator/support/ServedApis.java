package dev.apigw.emulator.support;

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
        awaitServed(gw, new DeployedApi(null, name, "1.0", null, java.util.List.of()), probePath);
    }

    /** Returns once {@code probePath} of the API no longer answers 404 (the route table is swapped asynchronously). */
    public static void awaitServed(TestGateway gw, DeployedApi api, String probePath) {
        Poll.until(api.name() + " served", 5_000, () -> gw.anonymous().urlEncodingEnabled(false)
            .get(api.path() + probePath).statusCode() != 404);
    }
}
