package dev.apigw.emulator;

import dev.apigw.emulator.config.ConfigException;
import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.ConfigNames;
import dev.apigw.emulator.config.SettingsHelp;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.config.GatewayConfig;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: reads the configuration, starts a node (built by {@link Assembly}), and stops it on SIGTERM. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private static volatile boolean signalled;
    /** Set when a shutdown call (not a signal) ends the JVM: its exit status (0, or 3 to bounce) must stand. */
    private static volatile boolean exiting;

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
        PrometheusMeterRegistry registry = GatewayMeters.newRegistry();
        Vertx vertx = config.ops().vertxHttpMetrics()
            ? Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry)).build()
            : Vertx.vertx();
        start(vertx, config, registry, List.of()).onSuccess(node -> {
            node.exited().onSuccess(bounce -> exit(vertx, bounce));
            LOG.info("apigw-emulator listening on {}:{} ({})", config.host(), node.port(),
                config.usesRedis() ? "Redis store" : "embedded store in " + config.dataDir().toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnExit(vertx, node,
                config.ops().shutdownDrainTimeoutMs()), "apigw-shutdown"));
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

    /** {@code --config FILE}, else {@code config/gateway.yaml} when present, else built-in defaults only. */
    static Path configFile(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) return Path.of(args[i + 1]);
        }
        Path dflt = Path.of("config", "gateway.yaml");
        return Files.isRegularFile(dflt) ? dflt : null;
    }

    /** After a shutdown call: closes Vert.x and exits; status 3 asks a supervisor to restart us ({@code bounce}). */
    private static void exit(Vertx vertx, boolean bounce) {
        if (signalled) return; // the JVM is already exiting (SIGTERM): the shutdown hook finishes the job
        exiting = true;
        vertx.close().onComplete(ar -> new Thread(() -> System.exit(bounce ? 3 : 0), "apigw-exit").start());
    }

    /**
     * SIGTERM: drain in-flight requests and flush, then stop. Runs on the JVM's shutdown-hook thread, never an event
     * loop, so waiting here blocks nothing that serves. The steps are awaited separately: a callback chained onto the
     * node's futures would be dispatched to an event loop that {@code vertx.close()} has already stopped.
     */
    private static void stopOnExit(Vertx vertx, GatewayNode node, long drainTimeoutMs) {
        if (exiting) return; // POST /shutdown already drained and stopped the node; System.exit chose the status
        signalled = true;
        boolean stopped = await(node.shutdown(drainTimeoutMs).eventually(node::stop), drainTimeoutMs + 30_000);
        await(vertx.close(), 10_000);
        // a JVM ended by a signal exits with 128 + 15 even after a clean shutdown; a container platform reads that as
        // a failure, so a drain that completed exits 0 (halt: the hooks' work is done, nothing else is waiting)
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) logs.stop(); // flushes async appenders
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(stopped ? 0 : 1);
    }

    /** True when the future completed (successfully or not) within the time. */
    private static boolean await(Future<?> future, long millis) {
        CountDownLatch done = new CountDownLatch(1);
        future.onComplete(ar -> done.countDown());
        try {
            return done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
