package dev.apigw.emulator;

import dev.apigw.emulator.config.ConfigException;
import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.ConfigNames;
import dev.apigw.emulator.config.SettingsHelp;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: reads the configuration, starts a node (built by {@link Assembly}), and stops it on SIGTERM. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private static volatile boolean signalled;

    private Main() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(SettingsHelp.text());
            return;
        }
        if (List.of(args).contains("--version")) {
            System.out.println("apigw-emulator " + version());
            return;
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(configFile(args), System.getenv());
            ConfigNames.unknownVariables(ConfigLoader.defaults(), System.getenv()).forEach(LOG::warn);
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogLevels.apply(config.logging());
        PrometheusMeterRegistry registry = GatewayMeters.newRegistry();
        Vertx vertx;
        try {
            vertx = vertx(config, registry);
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        start(vertx, config, registry, List.of()).onSuccess(node -> {
            LOG.info("apigw-emulator listening on {}:{} ({})", config.host(), node.port(),
                config.usesRedis() ? "Redis store" : "embedded store in " + config.dataDir().toAbsolutePath());
            node.exited().onSuccess(status -> exit(vertx, status));
            Signals.onTermination(() -> node.shutdown(config.ops().shutdownDrainTimeoutMs()));
        }).onFailure(err -> {
            System.err.println("apigw-emulator failed to start: " + StartFailure.describe(err, config));
            vertx.close();
            System.exit(1);
        });
    }

    /** The project version the jar was built as ({@code apigw-version.properties}, filtered by Maven). */
    public static String version() {
        try (var in = Main.class.getClassLoader().getResourceAsStream("apigw-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Vert.x on the configured transport, with its own HTTP meters in {@code registry} when asked for. */
    private static Vertx vertx(GatewayConfig config, PrometheusMeterRegistry registry) {
        var builder = Vertx.builder().withTransport(NodeTransport.choose(config.runtime().transport()));
        if (!config.ops().vertxHttpMetrics()) return builder.build();
        return builder.with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry)).build();
    }

    /** {@code --config FILE}, else {@code config/gateway.yaml} when present, else built-in defaults only. */
    static Path configFile(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) return Path.of(args[i + 1]);
        }
        Path dflt = Path.of("config", "gateway.yaml");
        return Files.isRegularFile(dflt) ? dflt : null;
    }

    /**
     * The node stopped after a shutdown (API or signal): close Vert.x and exit with its status (0; 3 asks a supervisor
     * to restart us; 1 when a flush failed). System.exit runs on a thread of its own: it waits for shutdown hooks,
     * which must never hold an event loop.
     */
    private static void exit(Vertx vertx, int status) {
        LOG.info("stopped; exiting with status {}", status);
        vertx.close().onComplete(ar -> new Thread(() -> System.exit(status), "apigw-exit").start());
    }

    /** Starts a gateway node on the given Vert.x instance, with its own metrics registry. */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config) {
        return start(vertx, config, GatewayMeters.newRegistry(), List.of());
    }

    /** Starts a gateway node that also enforces the given policy factories (tests add stand-ins). */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, List<PolicyFactory> extraFactories) {
        return start(vertx, config, GatewayMeters.newRegistry(), extraFactories);
    }

    /**
     * Starts a gateway node; {@code registry} also holds Vert.x's HTTP meters when Vert.x was built with it. Call it
     * from outside any verticle: the node deploys its verticles from the calling context (see lifecycle.Contexts).
     */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry,
                                            List<PolicyFactory> extraFactories) {
        return Assembly.start(vertx, config, registry, extraFactories);
    }
}
