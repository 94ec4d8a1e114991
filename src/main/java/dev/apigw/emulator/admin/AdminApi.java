package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.LimitsConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.runtime.Admission;
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
    private final Path uploads;
    private final LimitsConfig limits;
    private final BodyLimits bodies;
    private final ClientConcurrency perClient;
    private final AdminAuthHandler auth;
    private final List<Consumer<Router>> open;
    private final List<Consumer<Router>> guarded;
    private final QuiescePortRouter quiescePort;

    public AdminApi(Vertx vertx, AdminServices s) {
        this.uploads = s.config().dataDir().resolve("uploads");
        this.limits = s.config().limits();
        this.bodies = new BodyLimits(limits, uploads);
        this.perClient = new ClientConcurrency(limits.maxAdminRequestsPerClient());
        this.auth = new AdminAuthHandler(s.config().admin());
        HealthResource health = new HealthResource(s.health(), () -> s.quiesce().snapshot().state().admits(),
            s.config().usesRedis(), auth);
        MetricsResource metrics = new MetricsResource(s.meters(), s.published(), s.destination());
        QuiesceResource quiesce = new QuiesceResource(s.quiesce(), s.admission(), s.sequence(), s.quiescePort());
        QuiescePortResource ports = new QuiescePortResource(s.quiesce(), s.sequence(), s.quiescePort());
        this.quiescePort = new QuiescePortRouter(vertx, s.quiesce(), auth, quiesce, ports);
        this.open = new java.util.ArrayList<>(List.of(health::mount, metrics::mountPublic));
        open.addAll(s.publicRoutes());
        this.guarded = List.of(
            new DesignTimeGuard(s.quiesce())::mount, // sees every write before any resource
            quiesce::mount, ports::mount, metrics::mount,
            new WebhookResource(s.store())::mount,
            new ShutdownResource(s.shutdown())::mount,
            new ApiResource(s.apis(), new ApiInputReader(vertx, s.importer()), s.skipped())::mount,
            new PolicyResource(s.store(), s.validation())::mount,
            new PolicyActionResource(s.store(), s.validation())::mount,
            new ApplicationResource(s.store(), s.validation(), s.config().admin().username())::mount,
            new ApplicationLinksResource(s.store())::mount,
            new SearchResource(vertx, s.store(), s.config().admin(), s.config().limits().searchBudgetMs())::mount,
            new PlanResource(s.store(), s.validation())::mount,
            new SubscriptionUsageResource(s.usage())::mount,
            new ExtendedSettingsResource(s.extended())::mount);
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
        router.route(FACADE + "/*").handler(auth);
        router.route(QuiescePortResource.INVOKE + "/*").handler(auth);
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

    /** The quiesce port's request handler. */
    public Handler<HttpServerRequest> quiescePortHandler() {
        return quiescePort.handler();
    }
}
