package dev.apigw.emulator;

import dev.apigw.emulator.admin.AdminApi;
import dev.apigw.emulator.admin.ApiAssets;
import dev.apigw.emulator.auth.AuthModule;
import dev.apigw.emulator.admin.ExtendedSettingsResource;
import dev.apigw.emulator.admin.PlanResource;
import dev.apigw.emulator.admin.SubscriptionUsageResource;
import dev.apigw.emulator.config.ConfigException;
import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.demo.DemoApi;
import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.deploy.AppliedAssetStore;
import dev.apigw.emulator.deploy.Deployer;
import dev.apigw.emulator.deploy.RouteCompiler;
import dev.apigw.emulator.policy.EntryProtocolPolicy;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.policy.SubscriptionQuotaPolicy;
import dev.apigw.emulator.policy.ThrottlePolicyFactory;
import dev.apigw.emulator.quota.SubscriptionDirectory;
import dev.apigw.emulator.quota.SubscriptionQuotas;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.runtime.Admission;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.EmbeddedAssetStore;
import dev.apigw.emulator.store.ExtendedSettings;
import dev.apigw.emulator.store.RedisAssetStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
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
        Vertx vertx = Vertx.vertx();
        start(vertx, config).onSuccess(node -> {
            LOG.info("apigw-emulator listening on " + config.host() + ":" + node.port()
                + (config.usesRedis() ? " (Redis store)" : " (embedded store in " + config.dataDir().toAbsolutePath() + ")"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnExit(vertx, node), "apigw-shutdown"));
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

    /**
     * Runs on the JVM's shutdown-hook thread, never an event loop, so waiting here blocks nothing that serves. The
     * two steps are awaited separately: a callback chained onto the node's futures would be dispatched to an event
     * loop that {@code vertx.close()} has already stopped, and would never run.
     */
    private static void stopOnExit(Vertx vertx, GatewayNode node) {
        await(node.stop(), 30);
        await(vertx.close(), 10);
    }

    private static void await(Future<?> future, int seconds) {
        CountDownLatch done = new CountDownLatch(1);
        future.onComplete(ar -> done.countDown());
        try {
            done.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a gateway node on the given Vert.x instance. */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config) {
        return start(vertx, config, List.of());
    }

    /** Starts a gateway node that also enforces the given policy factories (tests add stand-ins for missing ones). */
    public static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, List<PolicyFactory> extraFactories) {
        Redis redis = config.usesRedis() ? Redis.createClient(vertx, new RedisOptions()
            .setConnectionString(config.redis().url()).setMaxPoolSize(config.redis().maxPoolSize())
            .setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096)) : null;
        return openStore(vertx, config, redis).compose(store -> wire(vertx, config, store, redis, extraFactories)
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

    private static Future<GatewayNode> wire(Vertx vertx, GatewayConfig config, AssetStore store, Redis redis,
                                            List<PolicyFactory> extraFactories) {
        RouteRegistry routes = new RouteRegistry();
        AuthModule auth = AuthModule.create(vertx, config, store, redis);
        Traffic traffic = Traffic.create(vertx, config, store, redis);
        List<PolicyFactory> factories = new ArrayList<>(extraFactories);
        factories.add(new EntryProtocolPolicy.Factory());
        factories.add(auth.identifyFactory());
        factories.add(new ThrottlePolicyFactory(traffic.rateLimits()));
        Deployer deployer = new Deployer(vertx, store, routes, new RouteCompiler(factories, traffic.lmtPolicies()));
        // admin writes answer only once the route table has them (see AppliedAssetStore)
        AssetStore adminStore = new AppliedAssetStore(store, deployer);
        ApiAssets apis = new ApiAssets(adminStore, config.compat(), config.admin().username());
        HealthChecks checks = HealthChecks.create(vertx).register("store", 2_000, p -> store.health().onComplete(ar -> {
            if (ar.succeeded() && !"red".equals(ar.result().getString("status"))) p.complete(Status.OK(ar.result()));
            else p.complete(Status.KO(ar.succeeded() ? ar.result() : new io.vertx.core.json.JsonObject().put("error", ar.cause().getMessage())));
        }));
        traffic.registerHealth(checks, config);
        AdminApi admin = new AdminApi(vertx, config, adminStore, apis, checks, () -> true).withPublicRoutes(auth::mountPublic);
        traffic.mount(admin, adminStore);
        AtomicInteger port = new AtomicInteger();
        EchoBackend echo = config.demo().enabled() ? new EchoBackend(vertx) : null;
        Future<Void> demo = echo == null ? Future.succeededFuture()
            : echo.start(config.demo().echoHost(), config.demo().echoPort()).compose(e ->
                DemoApi.ensure(vertx, apis, config.demo().echoHost(), e.port(), config.demo().echoPort() == 0));
        return auth.start().compose(v -> deployer.start()).compose(v -> traffic.start()).compose(v -> demo)
            .compose(v -> vertx.deployVerticle(() -> new GatewayVerticle(config, routes, admin, Admission.OPEN, port::set,
                    traffic.observers()),
                new DeploymentOptions().setInstances(config.effectiveInstances())))
            .onSuccess(id -> traffic.quotas().start())
            .map(id -> new GatewayNode(vertx, store, redis, echo, id, port.get(), traffic.rateLimits(),
                traffic.flushables(), traffic.quotas()::stop).alsoClose(auth::close));
    }

    /**
     * Throttling and subscription quotas: the shared rate-limit service (on the shared Redis client when there is
     * one), the subscription directory and quota counters, and the extended settings they read.
     */
    private record Traffic(RateLimitService rateLimits, SubscriptionDirectory subscriptions, SubscriptionQuotas quotas,
                           ExtendedSettings extended) {
        static Traffic create(Vertx vertx, GatewayConfig config, AssetStore store, Redis redis) {
            ExtendedSettings extended = new ExtendedSettings(store);
            return new Traffic(new RateLimitService(vertx, redis, config.rateLimit(), new RateLimitMetrics()),
                new SubscriptionDirectory(vertx, store), new SubscriptionQuotas(vertx, store, extended), extended);
        }

        List<Policy> lmtPolicies() {
            return List.of(new SubscriptionQuotaPolicy(subscriptions, rateLimits));
        }

        /** Yellow while throttles decide without Redis (onStoreError); HealthResource folds it into the engine status. */
        void registerHealth(HealthChecks checks, GatewayConfig config) {
            checks.register("rateLimit", p -> p.complete(Status.OK(new io.vertx.core.json.JsonObject()
                .put("status", rateLimits.degraded() ? "yellow" : "green").put("degraded", rateLimits.degraded())
                .put("onStoreError", config.rateLimit().onStoreError().name()).put("pendingHits", rateLimits.pendingHits()))));
        }

        void mount(AdminApi admin, AssetStore store) {
            admin.addResource(new PlanResource(store)::mount);
            admin.addResource(new SubscriptionUsageResource(new SubscriptionUsage(quotas))::mount);
            admin.addResource(new ExtendedSettingsResource(extended)::mount);
        }

        Future<Void> start() {
            return subscriptions.start().compose(v -> extended.reload());
        }

        List<ExchangeObserver> observers() {
            return List.of(quotas);
        }

        /** What quiesce and shutdown flush (kind subscription_quota). */
        List<Flushable> flushables() {
            return List.of(quotas);
        }
    }
}
