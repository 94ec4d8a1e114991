package dev.apigw.emulator;

import dev.apigw.emulator.admin.AdminApi;
import dev.apigw.emulator.admin.ApiAssets;
import dev.apigw.emulator.auth.AuthModule;
import dev.apigw.emulator.config.ConfigException;
import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.demo.DemoApi;
import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.deploy.AppliedAssetStore;
import dev.apigw.emulator.deploy.Deployer;
import dev.apigw.emulator.deploy.RouteCompiler;
import dev.apigw.emulator.policy.EntryProtocolPolicy;
import dev.apigw.emulator.policy.ThrottlePolicyFactory;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.runtime.PolicyFactory;
import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.EmbeddedAssetStore;
import dev.apigw.emulator.store.EmbeddedMetricsStore;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.RedisAssetStore;
import dev.apigw.emulator.store.RedisMetricsStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/** The only wiring point: reads the configuration, builds stores and shared state, deploys the verticles. */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private static volatile boolean signalled;

    private Main() {
    }

    public static void main(String[] args) {
        GatewayConfig config;
        try {
            config = ConfigLoader.load(configFile(args), System.getenv());
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = config.ops().vertxHttpMetrics()
            ? Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry)).build()
            : Vertx.vertx();
        start(vertx, config, registry, List.of()).onSuccess(node -> {
            node.exited().onSuccess(bounce -> exit(vertx, bounce));
            LOG.info("apigw-emulator listening on " + config.host() + ":" + node.port()
                + (config.usesRedis() ? " (Redis store)" : " (embedded store in " + config.dataDir().toAbsolutePath() + ")"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnExit(vertx, node,
                config.ops().shutdownDrainTimeoutMs()), "apigw-shutdown"));
        }).onFailure(err -> {
            System.err.println("apigw-emulator failed to start: " + err.getMessage());
            vertx.close();
            System.exit(1);
        });
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
        vertx.close().onComplete(ar -> new Thread(() -> System.exit(bounce ? 3 : 0), "apigw-exit").start());
    }

    /**
     * SIGTERM: drain in-flight requests and flush, then stop. Runs on the JVM's shutdown-hook thread, never an event
     * loop, so waiting here blocks nothing that serves. The steps are awaited separately: a callback chained onto the
     * node's futures would be dispatched to an event loop that {@code vertx.close()} has already stopped.
     */
    private static void stopOnExit(Vertx vertx, GatewayNode node, long drainTimeoutMs) {
        signalled = true;
        await(node.shutdown(drainTimeoutMs).eventually(node::stop), drainTimeoutMs + 30_000);
        await(vertx.close(), 10_000);
    }

    private static void await(Future<?> future, long millis) {
        CountDownLatch done = new CountDownLatch(1);
        future.onComplete(ar -> done.countDown());
        try {
            done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a gateway node on the given Vert.x instance, with its own metrics registry. */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config) {
        return start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of());
    }

    /** Starts a gateway node that also enforces the given policy factories (tests add stand-ins). */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, List<PolicyFactory> extraFactories) {
        return start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), extraFactories);
    }

    /**
     * Starts a gateway node; {@code registry} also holds Vert.x's HTTP meters when Vert.x was built with it. Call it
     * from outside any verticle: the node deploys its verticles from the calling context (see quiesce.Contexts).
     */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry,
                                            List<PolicyFactory> extraFactories) {
        Redis redis = config.usesRedis() ? Redis.createClient(vertx, new RedisOptions()
            .setConnectionString(config.redis().url()).setMaxPoolSize(config.redis().maxPoolSize())
            .setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096)) : null;
        Context home = vertx.getOrCreateContext(); // a context of no verticle: see quiesce.Contexts
        return openStore(vertx, config, redis).compose(store -> wire(vertx, home, config, store, redis, registry,
                extraFactories)
            .onFailure(err -> store.close()));
    }

    private static Future<AssetStore> openStore(Vertx vertx, GatewayConfig config, Redis redis) {
        if (redis == null) {
            return vertx.executeBlocking(() -> EmbeddedAssetStore.open(vertx, config.dataDir()));
        }
        RedisAssetStore store = new RedisAssetStore(vertx, redis, config.redis().url(), config.redis().commandTimeoutMs());
        return store.start().map(v -> (AssetStore) store).recover(err -> {
            store.close();
            return Future.failedFuture("cannot reach Redis at " + config.redis().url() + ": " + err.getMessage());
        });
    }

    private static Future<GatewayNode> wire(Vertx vertx, Context home, GatewayConfig config, AssetStore store, Redis redis,
                                            PrometheusMeterRegistry registry, List<PolicyFactory> extraFactories) {
        AuthModule auth = AuthModule.create(vertx, config, store, redis);
        Traffic traffic = Traffic.create(vertx, config, store, redis);
        MetricsStore published = redis == null ? new EmbeddedMetricsStore(vertx, config.dataDir())
            : new RedisMetricsStore(redis, config.redis().commandTimeoutMs());
        Operations ops = new Operations(vertx, home, config, store, published, registry, traffic.quotas());
        RouteRegistry routes = new RouteRegistry();
        List<PolicyFactory> factories = new ArrayList<>(extraFactories);
        factories.add(new EntryProtocolPolicy.Factory());
        factories.add(auth.identifyFactory());
        factories.add(new ThrottlePolicyFactory(traffic.rateLimits()));
        Deployer deployer = new Deployer(vertx, store, routes, new RouteCompiler(factories, traffic.lmtPolicies()));
        // admin writes answer only once the route table has them (see AppliedAssetStore)
        AssetStore adminStore = new AppliedAssetStore(store, deployer);
        ApiAssets apis = new ApiAssets(adminStore, config.compat(), config.admin().username());
        HealthChecks checks = storeHealth(vertx, store);
        traffic.registerHealth(checks, config);
        AdminApi admin = new AdminApi(vertx, config, adminStore, apis, checks, ops.quiesce::accepting)
            .withPublicRoutes(auth::mountPublic);
        ops.mount(vertx, admin);
        traffic.mount(admin, adminStore);
        List<ExchangeObserver> observers = new ArrayList<>(ops.observers());
        observers.addAll(traffic.observers());
        AtomicInteger port = new AtomicInteger();
        MainPort mainPort = new MainPort(vertx, home, config.effectiveInstances(), onPort ->
            new GatewayVerticle(config, routes, admin, ops.quiesce, observers, onPort, port::set));
        ops.quiesce.attach(mainPort);
        EchoBackend echo = config.demo().enabled() ? new EchoBackend(vertx) : null;
        Future<Void> demo = echo == null ? Future.succeededFuture()
            : echo.start(config.demo().echoHost(), config.demo().echoPort()).compose(e ->
                DemoApi.ensure(vertx, apis, config.demo().echoHost(), e.port(), config.demo().echoPort() == 0));
        return auth.start().compose(v -> deployer.start()).compose(v -> traffic.start()).compose(v -> demo)
            .compose(v -> ops.start())
            .compose(v -> mainPort.start(config.port(), port))
            .map(v -> {
                traffic.quotas().start();
                ops.started(mainPort.port());
                return new GatewayNode(vertx, store, redis, echo, mainPort, ops, traffic, auth::close);
            })
            .onFailure(err -> ops.close());
    }

    private static HealthChecks storeHealth(Vertx vertx, AssetStore store) {
        return HealthChecks.create(vertx).register("store", 2_000, p -> store.health().onComplete(ar -> {
            if (ar.succeeded() && !"red".equals(ar.result().getString("status"))) p.complete(Status.OK(ar.result()));
            else p.complete(Status.KO(ar.succeeded() ? ar.result() : new JsonObject().put("error", ar.cause().getMessage())));
        }));
    }
}
