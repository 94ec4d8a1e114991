package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.LimitsConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.runtime.Admission;
import dev.apigw.emulator.settings.Configurations;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every HTTP resource of the node outside the runtime path: the design-time REST API under {@code /rest/apigateway}
 * (and the UI facade under {@code /rest/facade/apigateway}), the public services, {@code /metrics}, and what the
 * quiesce port serves. Built once from {@link AdminServices}; {@link #router} gives each event loop its router.
 * Health, metrics and the public services answer without credentials; everything else needs the administrator's.
 */
public final class AdminApi {
    public static final String BASE = "/rest/apigateway";
    public static final String FACADE = "/rest/facade/apigateway";
    /** Emulator-only resources (liveness, reset, faults): outside the product's namespaces. */
    public static final String EMULATOR = "/emulator";

    private final Path uploads;
    private final LimitsConfig limits;
    private final BodyLimits bodies;
    private final ClientConcurrency perClient;
    private final AdminAuthHandler auth;
    private final List<Consumer<Router>> open;
    private final List<Consumer<Router>> guarded;
    private final QuiescePortRouter quiescePort;
    private final Liveness liveness;

    public AdminApi(Vertx vertx, AdminServices s) {
        this.uploads = s.config().dataDir().resolve("uploads");
        this.limits = s.config().limits();
        this.bodies = new BodyLimits(limits, s.config().archive().maxZipBytes(), uploads);
        this.perClient = new ClientConcurrency(limits.maxAdminRequestsPerClient());
        this.auth = new AdminAuthHandler(s.users());
        HealthResource health = new HealthResource(s.health(), () -> s.quiesce().snapshot().state().admits(),
            s.config().usesRedis(), auth);
        MetricsResource metrics = new MetricsResource(s.meters(), s.published(), s.destination());
        this.liveness = new Liveness(s.quiesce());
        QuiesceResource quiesce = new QuiesceResource(s.quiesce(), s.admission(), s.sequence(), s.quiescePort());
        QuiescePortResource ports = new QuiescePortResource(s.quiesce(), s.sequence(), s.quiescePort());
        ArchiveResource archive = new ArchiveResource(s.archives().exporter(), s.archives().importer(),
            s.archives().workspace(), s.config().archive().maxZipBytes());
        WebhookResource webhooks = new WebhookResource(s.store());
        // a node quiesced for all still lets a migration read its data store through the quiesce port
        this.quiescePort = new QuiescePortRouter(vertx, s.quiesce(), auth, quiesce, ports, liveness,
            List.of(archive::mountExport, metrics::mountPublished, webhooks::mountReads));
        this.open = new java.util.ArrayList<>(List.of(health::mount, metrics::mountPublic, liveness::mount));
        EventSearchResource eventSearch = new EventSearchResource(s.events());
        open.addAll(s.publicRoutes());
        Configurations configurations = new Configurations(s.store());
        ApiResource apis = new ApiResource(s.apis(), new ApiInputReader(vertx, s.importer()), configurations,
            s.skipped(), s.events().recorder());
        String owner = s.config().admin().username();
        this.guarded = List.of(
            new DesignTimeGuard(s.quiesce())::mount, // sees every write before any resource
            quiesce::mount, ports::mount, metrics::mount,
            webhooks::mount,
            archive::mount,
            new MigrationResource(s.migration())::mount,
            new ShutdownResource(s.shutdown())::mount,
            apis::mount,
            new ApiExtrasResource(s.apis(), s.store(), apis)::mount,
            new PolicyResource(s.store(), s.validation())::mount,
            new PolicyActionResource(s.store(), s.validation())::mount,
            new PolicyExtrasResource(s.store(), s.validation())::mount,
            new ApplicationLinksResource(s.store())::mount, // before /applications/{id}: PUT /applications/accessTokens
            new ApplicationResource(s.store(), s.validation(), owner)::mount,
            new SearchResource(vertx, s.store(), s.users(), s.config().compat().upperCaseSearchKeys(),
                limits.searchBudgetMs(), eventSearch)::mount,
            eventSearch::mount,
            new ApiTransactionsResource(s.events())::mount,
            new PlanResource(s.store(), s.validation())::mount,
            new PackageResource(s.store())::mount,
            new SubscriptionUsageResource(s.usage())::mount,
            new SubscriptionResource(s.store(), owner)::mount, // after /subscriptions/usage
            new ExtendedSettingsResource(s.extended())::mount,
            new ConfigurationResource(configurations)::mount, // after the configurations with a service of their own
            new AliasResource(s.store(), owner)::mount,
            new OAuthResources(s.store(), s.validation())::mount,
            new PrincipalResources(s.store(), s.validation(), s.users())::mount,
            new PromotionResources(s.store(), s.validation(), s.promotion(), owner)::mount,
            new EmulatorResource(s.reset(), s.faults(), s.seed(), s.store())::mount,
            new NotEmulatedResource()::mount); // last: every emulated route answers first
    }

    /**
     * A router for one event loop; every request it gets was counted in by {@code admission}, which it counts out.
     * Order matters: the per-client bound and the URI checks first, then the anonymous routes (health, metrics, the
     * public auth services, none of which reads an admin body), then authentication, and only then the body handlers,
     * each with its route's limit: an unauthenticated client never makes the node buffer a byte of its body.
     */
    public Router router(Vertx vertx, Admission admission) {
        Router router = Router.router(vertx);
        router.route().handler(new AdmittedRequests(admission));
        router.route().handler(perClient);
        router.route().handler(new RequestChecks(limits.maxJsonDepth()));
        open.forEach(mount -> mount.accept(router));
        router.route(BASE + "/*").handler(auth);
        router.routeWithRegex("/restv2/.*").handler(auth);
        router.route(FACADE + "/*").handler(auth);
        router.route(QuiescePortResource.INVOKE + "/*").handler(auth);
        router.route(EMULATOR + "/*").handler(auth);
        bodies.mount(router);
        guarded.forEach(mount -> mount.accept(router));
        AdminErrors errors = new AdminErrors();
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        router.errorHandler(405, errors);
        return router;
    }

    /** Removes uploads left by a previous run (a crash mid-upload); uploads of this run are deleted as they end. */
    public Lifecycle uploadDirectory(Vertx vertx) {
        return Lifecycle.of("upload directory", () -> vertx.fileSystem().exists(uploads.toString()).compose(found -> found
            ? vertx.fileSystem().deleteRecursive(uploads.toString()) : Future.succeededFuture()).otherwiseEmpty(),
            Future::succeededFuture);
    }

    /** Answers a liveness probe on the main port while the node refuses other requests (quiescing). */
    public void liveness(HttpServerRequest req) {
        Liveness.answer(req, liveness.machine());
    }

    /** The quiesce port's request handler. */
    public Handler<HttpServerRequest> quiescePortHandler() {
        return quiescePort.handler();
    }
}
