package dev.apigw.emulator.support;

import dev.apigw.emulator.GatewayNode;
import dev.apigw.emulator.Main;
import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.GatewayConfig;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.apigw.emulator.runtime.PolicyFactory;

/**
 * A real gateway node for tests: the built-in defaults with port 0, one event loop, a fresh data directory and no
 * demo, plus whatever the test overrides. Started and stopped from the JUnit thread.
 */
public final class TestGateway implements AutoCloseable {
    private final Vertx vertx;
    private final JsonObject settings;
    private final GatewayConfig config;
    private final List<PolicyFactory> factories;
    private GatewayNode node;

    private TestGateway(Vertx vertx, JsonObject settings, List<PolicyFactory> factories) {
        this.vertx = vertx;
        this.settings = settings.copy();
        this.config = GatewayConfig.fromJson(settings);
        this.factories = factories;
    }

    public static JsonObject defaults() {
        try {
            Path dataDir = Files.createTempDirectory("apigw-test-data");
            return ConfigLoader.defaults().put("host", "127.0.0.1").put("port", 0).put("instances", 1)
                .put("dataDir", dataDir.toString())
                .put("demo", new JsonObject().put("enabled", false).put("echoHost", "127.0.0.1").put("echoPort", 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestGateway start(Vertx vertx) {
        return start(vertx, defaults());
    }

    /** @param settings a full settings tree, usually {@link #defaults()} with changes */
    public static TestGateway start(Vertx vertx, JsonObject settings) {
        return start(vertx, settings, List.of());
    }

    /** @param factories extra policy factories, e.g. stand-ins for policies other engineers are building */
    public static TestGateway start(Vertx vertx, JsonObject settings, List<PolicyFactory> factories) {
        TestGateway gw = new TestGateway(vertx, settings, factories);
        gw.node = Await.result(Main.start(vertx, gw.config, factories));
        return gw;
    }

    /** Stops this node and starts a new one on the same settings (same data directory): a restart. */
    public TestGateway restart() {
        close();
        node = Await.result(Main.start(vertx, config, factories));
        return this;
    }

    /**
     * Starts another node on this node's settings (so on the same Redis, if it has one) with a data directory of its
     * own: the second node of a cluster. The caller closes it.
     */
    public TestGateway peer() {
        return start(vertx, settings.copy().put("dataDir", defaults().getString("dataDir")), factories);
    }

    public int port() {
        return node.port();
    }

    public GatewayNode node() {
        return node;
    }

    public GatewayConfig config() {
        return config;
    }

    /** REST Assured with the administrator's credentials. */
    public RequestSpecification admin() {
        return RestAssured.given().port(port()).auth().preemptive().basic("Administrator", "manage");
    }

    /** REST Assured without credentials (runtime calls, health, public services). */
    public RequestSpecification anonymous() {
        return RestAssured.given().port(port());
    }

    /**
     * Deploys the API fixture {@code fixtures/<path>} (see {@code fixtures/README.md}): creates the API, adds the
     * fixture's policy actions to its service policy, activates it unless {@code "active": false}, and returns once
     * the runtime serves it. {@code vars} fill the fixture's placeholders, e.g. {@code echo} = the backend URL.
     */
    public DeployedApi deploy(String path, Map<String, String> vars) {
        return FixtureDeployer.deploy(this, Fixtures.json(path, vars));
    }

    /** {@link #deploy(String, Map)} against the class's echo backend ({@code ${echo}}). */
    public DeployedApi deploy(String path, Echo echo) {
        return deploy(path, Map.of("echo", echo.url()));
    }

    @Override
    public void close() {
        if (node != null) Await.result(node.stop());
        node = null;
    }
}
