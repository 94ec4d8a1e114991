package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.Admission;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
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
    private static final long BODY_LIMIT = 64L * 1024 * 1024;

    private final Path uploads;
    private final AdminAuthHandler auth;
    private final List<Consumer<Router>> open;
    private final List<Consumer<Router>> guarded;
    private final QuiescePortRouter quiescePort;

    public AdminApi(Vertx vertx, AdminServices s) {
        this.uploads = s.config().dataDir().resolve("uploads");
        this.auth = new AdminAuthHandler(s.config().admin());
        HealthResource health = new HealthResource(s.health(), () -> s.quiesce().snapshot().state().admits(),
            s.config().usesRedis());
        MetricsResource metrics = new MetricsResource(s.meters(), s.published(), s.destination());
        QuiesceResource quiesce = new QuiesceResource(s.quiesce(), s.admission(), s.sequence(), s.quiescePort());
        QuiescePortResource ports = new QuiescePortResource(s.quiesce(), s.sequence(), s.quiescePort());
        this.quiescePort = new QuiescePortRouter(vertx, s.quiesce(), auth, quiesce, ports);
        this.open = new java.util.ArrayList<>(List.of(health::mount, metrics::mountPublic));
        EventSearchResource eventSearch = new EventSearchResource(s.events());
        open.addAll(s.publicRoutes());
        this.guarded = List.of(
            new DesignTimeGuard(s.quiesce())::mount, // sees every write before any resource
            quiesce::mount, ports::mount, metrics::mount,
            new WebhookResource(s.store())::mount,
            new ShutdownResource(s.shutdown())::mount,
            new ApiResource(s.apis(), new ApiInputReader(vertx, s.importer()), s.events().recorder())::mount,
            new PolicyResource(s.store())::mount,
            new PolicyActionResource(s.store())::mount,
            new ApplicationResource(s.store(), s.config().admin().username())::mount,
            new ApplicationLinksResource(s.store())::mount,
            new SearchResource(s.store(), s.config().admin(), eventSearch)::mount,
            eventSearch::mount,
            new ApiTransactionsResource(s.events())::mount,
            new PlanResource(s.store())::mount,
            new SubscriptionUsageResource(s.usage())::mount,
            new ExtendedSettingsResource(s.extended())::mount);
    }

    /** A router for one event loop; every request it gets was counted in by {@code admission}, which it counts out. */
    public Router router(Vertx vertx, Admission admission) {
        Router router = Router.router(vertx);
        router.route().handler(new AdmittedRequests(admission));
        router.route("/rest/*").handler(BodyHandler.create(uploads.toString())
            .setBodyLimit(BODY_LIMIT).setDeleteUploadedFilesOnEnd(true));
        open.forEach(mount -> mount.accept(router));
        router.route(BASE + "/*").handler(auth);
        router.route(FACADE + "/*").handler(auth);
        router.route(QuiescePortResource.INVOKE + "/*").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(auth);
        guarded.forEach(mount -> mount.accept(router));
        AdminErrors errors = new AdminErrors();
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        router.errorHandler(405, errors);
        return router;
    }

    /** The quiesce port's request handler. */
    public Handler<HttpServerRequest> quiescePortHandler() {
        return quiescePort.handler();
    }
}
