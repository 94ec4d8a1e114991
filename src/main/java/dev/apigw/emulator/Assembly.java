package dev.apigw.emulator;

import dev.apigw.emulator.admin.AdminApi;
import dev.apigw.emulator.admin.AdminServices;
import dev.apigw.emulator.archive.ArchiveExporter;
import dev.apigw.emulator.archive.ArchiveImporter;
import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.alias.BuiltInAliases;
import dev.apigw.emulator.auth.ApplicationIndex;
import dev.apigw.emulator.auth.AuthEndpoints;
import dev.apigw.emulator.auth.ExternalJwks;
import dev.apigw.emulator.auth.Identifier;
import dev.apigw.emulator.auth.JwtService;
import dev.apigw.emulator.auth.TokenService;
import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.catalog.DefinitionImporter;
import dev.apigw.emulator.catalog.SystemPolicyActions;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.config.OpsConfig;
import dev.apigw.emulator.demo.DemoApi;
import dev.apigw.emulator.harness.Faults;
import dev.apigw.emulator.harness.JsonApiSeed;
import dev.apigw.emulator.harness.Reset;
import dev.apigw.emulator.harness.Resets;
import dev.apigw.emulator.harness.ArchiveSeed;
import dev.apigw.emulator.harness.SeedLoader;
import dev.apigw.emulator.demo.EchoBackend;
import dev.apigw.emulator.deploy.AppliedAssetStore;
import dev.apigw.emulator.deploy.Deployer;
import dev.apigw.emulator.deploy.RouteCompiler;
import dev.apigw.emulator.events.EventRecorder;
import dev.apigw.emulator.events.Events;
import dev.apigw.emulator.iam.UserDirectory;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.lifecycle.Lifecycles;
import dev.apigw.emulator.metrics.AccessLog;
import dev.apigw.emulator.metrics.DestinationSettings;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.metrics.LicenseMetrics;
import dev.apigw.emulator.metrics.PerformanceMetrics;
import dev.apigw.emulator.migration.MigrationService;
import dev.apigw.emulator.promotion.PromotionService;
import dev.apigw.emulator.policy.EntryProtocolPolicy;
import dev.apigw.emulator.policy.IdentifyAuthorizePolicyFactory;
import dev.apigw.emulator.policy.LogInvocationPolicy;
import dev.apigw.emulator.policy.OutboundAuthPolicy;
import dev.apigw.emulator.policy.SubscriptionQuotaPolicy;
import dev.apigw.emulator.policy.ThrottlePolicyFactory;
import dev.apigw.emulator.quiesce.AdmissionCounter;
import dev.apigw.emulator.quiesce.GatewayEvents;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.QuiesceSequence;
import dev.apigw.emulator.quiesce.Shutdown;
import dev.apigw.emulator.quota.SubscriptionDirectory;
import dev.apigw.emulator.quota.SubscriptionQuotas;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.ratelimit.RateLimitMetrics;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.runtime.BackendFaults;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.runtime.PolicyFactory;
import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AppliedView;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.OutageAssetStore;
import dev.apigw.emulator.store.OutageTokenStore;
import dev.apigw.emulator.store.SimulatedOutage;
import dev.apigw.emulator.store.EmbeddedAssetStore;
import dev.apigw.emulator.store.EmbeddedMetricsStore;
import dev.apigw.emulator.store.EmbeddedQuotaCounters;
import dev.apigw.emulator.store.QuotaCounterStore;
import dev.apigw.emulator.store.RedisQuotaCounters;
import dev.apigw.emulator.store.EmbeddedTokenStore;
import dev.apigw.emulator.store.ExtendedSettings;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.RedisAssetStore;
import dev.apigw.emulator.store.RedisConnector;
import dev.apigw.emulator.store.RedisMetricsStore;
import dev.apigw.emulator.store.RedisTokenStore;
import dev.apigw.emulator.store.SkippedAssets;
import dev.apigw.emulator.store.TokenStore;
import dev.apigw.emulator.webhook.WebhookDispatcher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The composition root: builds every part of a node with constructors, in dependency order, and lists the parts
 * with a life in one {@link Lifecycles}, which starts them in that order and stops them in reverse. Reading this
 * class top to bottom is reading the architecture: stores, identification, traffic limits, the route table, the
 * operations side (metrics, webhooks, quiesce), the demo, the admin API, and last the two ports.
 */
final class Assembly {
    private final Vertx vertx;
    private final GatewayConfig config;
    private final Lifecycles life = new Lifecycles();

    private Assembly(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Builds and starts a node; on failure everything already started is stopped again. */
    static Future<GatewayNode> start(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry,
                                     List<PolicyFactory> extraFactories) {
        Assembly a = new Assembly(vertx, config);
        GatewayNode node = a.build(registry, extraFactories);
        return a.life.startAll().map(node);
    }

    private GatewayNode build(PrometheusMeterRegistry registry, List<PolicyFactory> extraFactories) {
        OpsConfig ops = config.ops();
        life.add(new NativeHeapTrim(vertx, ops.nativeHeapTrimMs()));
        // the shared Redis (standalone, Sentinel or Cluster, from redis.url), closed after every store
        RedisConnector redis = config.usesRedis() ? life.add(new RedisConnector(vertx, config.redis())) : null;
        // stores, each behind the emulator's simulated outage (a test fault; no cost while none is set)
        SimulatedOutage outage = new SimulatedOutage();
        AssetStore store = life.add(new OutageAssetStore(redis == null ? new EmbeddedAssetStore(vertx, config.dataDir())
            : new RedisAssetStore(vertx, redis), outage));
        TokenStore tokenStore = life.add(new OutageTokenStore(redis == null ? EmbeddedTokenStore.under(vertx, config.dataDir())
            : new RedisTokenStore(vertx, redis), outage));
        MetricsStore published = redis == null ? new EmbeddedMetricsStore(vertx, config.dataDir())
            : new RedisMetricsStore(redis);
        SkippedAssets skipped = new SkippedAssets(); // documents a view could not use: logged once, shown in health
        // identification
        ApplicationIndex applications = life.add(new ApplicationIndex(vertx, store, skipped));
        TokenService tokens = new TokenService(tokenStore, config.auth().tokenTtlSeconds(), config.auth().tokenCacheSize());
        ExternalJwks externalJwks = life.add(new ExternalJwks(vertx, config.auth()));
        JwtService jwt = life.add(new JwtService(vertx, config.auth(), store, externalJwks));
        UserDirectory users = life.add(new UserDirectory(vertx, store, config.admin()));
        Identifier identifier = new Identifier(applications, config.auth(), tokens, jwt, users);
        // traffic limits
        RateLimitMetrics limitCounts = new RateLimitMetrics(registry);
        RateLimitService rateLimits = new RateLimitService(vertx, redis, config.rateLimit(), limitCounts, outage);
        SubscriptionDirectory subscriptions = life.add(new SubscriptionDirectory(vertx, store, skipped));
        ExtendedSettings extended = life.add(new ExtendedSettings(store));
        // quota counters: a store of their own, merged atomically, so a flush changes no asset
        QuotaCounterStore quotaCounters = redis == null ? life.add(new EmbeddedQuotaCounters(vertx, config.dataDir()))
            : new RedisQuotaCounters(redis);
        SubscriptionQuotas quotas = life.add(new SubscriptionQuotas(vertx, store, quotaCounters, subscriptions, extended));
        // runtime events: recorded at each exchange's end, written off the request path, searchable through /search
        Events events = Events.build(vertx, config.events(), config.dataDir(), redis, registry);
        life.add(events.writer()); // stops after the ports: every exchange has ended, its event is queued
        // the route table, rebuilt when what it is compiled from changes (APIs, policies, actions, aliases, scopes)
        List<PolicyFactory> factories = new ArrayList<>(extraFactories);
        factories.add(new EntryProtocolPolicy.Factory());
        factories.add(new IdentifyAuthorizePolicyFactory(identifier));
        factories.add(new ThrottlePolicyFactory(rateLimits));
        factories.add(new LogInvocationPolicy.Factory(config.events().maxPayloadBytes()));
        factories.add(new OutboundAuthPolicy.Factory());
        AssetValidation validation = new AssetValidation(factories, config.limits().maxJsonDepth()); // validate on write
        life.add(new BuiltInAliases(store, config.admin().username())); // before the first route table: routes use aliases
        life.add(new SystemPolicyActions(store));
        RouteRegistry routes = new RouteRegistry();
        Deployer deployer = life.add(new Deployer(vertx, store, routes, new RouteCompiler(factories,
            List.of(new SubscriptionQuotaPolicy(subscriptions, rateLimits)), config.aliases().stage()), skipped));
        // admin writes and imports answer once routing, identification, subscriptions and sign-in have them
        List<AppliedView> views = List.of(deployer, applications, subscriptions, users);
        AssetStore applied = new AppliedAssetStore(store, views);
        ApiAssets apis = new ApiAssets(applied, config.compat(), config.admin().username());
        DefinitionImporter importer = new DefinitionImporter(vertx, config.definitionImport(), config.limits().maxJsonDepth());
        List<Supplier<Future<Void>>> settled = views.stream().<Supplier<Future<Void>>>map(v -> v::applied).toList();
        ArchiveWorkspace workspace = life.add(new ArchiveWorkspace(vertx, config.dataDir()));
        AdminServices.Archives archives = new AdminServices.Archives(
            new ArchiveExporter(store, quotaCounters, workspace, config.archive()),
            new ArchiveImporter(store, quotaCounters, validation, workspace, config.archive(), settled), workspace);
        // operations: metrics, webhooks, quiesce
        QuiesceMachine machine = new QuiesceMachine();
        AdmissionCounter admission = new AdmissionCounter(machine);
        GatewayMeters meters = life.add(new GatewayMeters(registry, admission::inFlight, () -> machine.snapshot().state()));
        PerformanceMetrics performance = new PerformanceMetrics(vertx, published, ops.publishIntervalSeconds() * 1000L,
            meters::published);
        DestinationSettings destination = life.add(new DestinationSettings(store, performance));
        life.add(performance); // after its settings, so the first interval is the stored one
        LicenseMetrics license = life.add(new LicenseMetrics(vertx, published,
            ops.licensePublishIntervalMinutes() * 60_000L, meters::published));
        WebhookDispatcher webhooks = life.add(new WebhookDispatcher(vertx, store, ops.webhookMaxAttempts(),
            ops.webhookInitialBackoffMs(), ops.webhookTimeoutMs(), registry));
        GatewayEvents emitted = (event, data) -> { // counted, to webhooks, and as lifecycle events
            if (event.equals(GatewayEvents.QUIESCE_ALL)) meters.quiesced("all");
            else if (event.equals(GatewayEvents.QUIESCE_DESIGNTIME)) meters.quiesced("designtime");
            webhooks.emit(event, data);
            events.recorder().lifecycle(event, data);
        };
        MigrationService migration = life.add(new MigrationService(vertx, store, published, quotaCounters, validation,
            workspace, archives.importer(), config.migration(), webhooks::emit, settled));
        PromotionService promotion = life.add(new PromotionService(vertx, store, archives.exporter(), workspace, config.promotion()));
        Context home = vertx.getOrCreateContext(); // a context of no verticle: see lifecycle.Contexts
        MainPort mainPort = new MainPort(vertx, home, config.effectiveInstances());
        QuiescePort quiescePort = new QuiescePort(vertx, home, ops.quiesceHost());
        QuiesceSequence sequence = new QuiesceSequence(home, machine, admission,
            List.of(performance, license, quotas, events.writer()), emitted, mainPort, ops.drainTimeoutMs(), ops.keepListening());
        Promise<Integer> exit = Promise.promise();
        Shutdown shutdown = new Shutdown(sequence, status -> {
            events.recorder().lifecycle(EventRecorder.SHUTDOWN, new JsonObject().put("exitStatus", status));
            exit.tryComplete(status);
            return Future.succeededFuture();
        });
        // the demo: the echo backend and EchoAPI routed to it; then the seed directory, before the ports open
        EchoBackend echo = config.demo().enabled() ? demo(apis, importer) : null;
        SeedLoader seed = life.add(new SeedLoader(vertx, config.seedDir(), List.of(new JsonApiSeed(vertx, apis, importer),
            new ArchiveSeed(archives.importer(), config.archive().passphrase()))));
        // the emulator's test aids: faults and reset
        BackendFaults backendFaults = new BackendFaults();
        Faults faults = new Faults(backendFaults, outage, registry);
        Reset reset = new Reset(Map.of(
            Reset.Scope.FAULTS, () -> {
                faults.clear();
                return Future.succeededFuture();
            },
            Reset.Scope.ASSETS, () -> Resets.deleteAll(applied, Resets.DESIGN_TIME)
                .compose(v -> echo == null ? Future.succeededFuture() : DemoApi.ensure(vertx, apis, importer,
                    config.demo().echoHost(), echo.port(), config.demo().echoPort() == 0))
                .compose(v -> seed.load()),
            Reset.Scope.APPLICATIONS, () -> Resets.deleteAll(applied, List.of(AssetType.APPLICATIONS)),
            Reset.Scope.TOKENS, tokenStore::clear,
            Reset.Scope.QUOTAS, () -> rateLimits.reset().compose(v -> quotas.reset()),
            Reset.Scope.METRICS, () -> {
                meters.reset();
                limitCounts.reset();
                performance.interval(ops.publishIntervalSeconds() * 1000L); // the default, as the settings go too
                return Future.all(performance.reset(), license.reset(), published.clear(PerformanceMetrics.KIND),
                    published.clear(LicenseMetrics.KIND), published.clear("subscription_quota"),
                    applied.delete(AssetType.SETTINGS, DestinationSettings.ID));
            },
            Reset.Scope.EVENTS, () -> {
                webhooks.cancelPending();
                return events.clear();
            }));
        // the admin API and the ports
        AdminApi admin = new AdminApi(vertx, new AdminServices(config, applied, validation, apis, importer,
            NodeHealth.checks(vertx, store, rateLimits, skipped, events.writer(), config), machine, admission, sequence,
            quiescePort, shutdown, meters, published, destination, new SubscriptionUsage(quotas), extended, skipped,
            List.of(new AuthEndpoints(applications, tokens, store, jwt, config.admin())::mount), faults, reset, seed,
            archives, migration, users, events, promotion));
        List<ExchangeObserver> observers = new ArrayList<>(List.of(performance, license, meters, quotas));
        if (config.logging().accessLog()) observers.add(new AccessLog());
        if (config.events().enabled()) observers.add(events.recorder());
        life.add(admin.uploadDirectory(vertx));
        life.add(quiescePort.serving(admin.quiescePortHandler(), ops.quiescePort()));
        life.add(mainPort.serving((port, bound) -> new GatewayVerticle(config, routes, admin, admission, observers,
            backendFaults, port, bound), config.port()));
        life.add(Lifecycle.of("started event", () -> {
            emitted.emit(GatewayEvents.SERVER_STARTED, new JsonObject().put("port", mainPort.port())
                .put("quiescePort", quiescePort.actualPort()));
            return Future.succeededFuture();
        }, Future::succeededFuture));
        return new GatewayNode(mainPort, quiescePort, echo, life, shutdown, exit.future(),
            new GatewayNode.Internals(store, machine, admission, rateLimits, List.of(quotas, events.writer()), quotaCounters));
    }

    private EchoBackend demo(ApiAssets apis, DefinitionImporter importer) {
        EchoBackend echo = new EchoBackend(vertx);
        String host = config.demo().echoHost();
        int port = config.demo().echoPort();
        life.add(Lifecycle.of("echo backend", () -> echo.start(host, port).mapEmpty(), echo::stop));
        life.add(Lifecycle.of("demo API", () -> DemoApi.ensure(vertx, apis, importer, host, echo.port(), port == 0),
            Future::succeededFuture));
        return echo;
    }
}
