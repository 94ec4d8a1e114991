package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.Admission;
import dev.apigw.emulator.settings.Configurations;
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
    /** Emulator-only resources (liveness, reset, faults): outside the product's namespaces. */
    public static final String EMULATOR = "/emulator";
    private static final long BODY_LIMIT = 64L * 1024 * 1024;

    private final Path uploads;
    private final AdminAuthHandler auth;
    private final List<Consumer<Router>> open;
    private final List<Consumer<Router>> guarded;
    private final QuiescePortRouter quiescePort;
    private final Liveness liveness;

    public AdminApi(Vertx vertx, AdminServices s) {
        this.uploads = s.config().dataDir().resolve("uploads");
        this.auth = new AdminAuthHandler(s.users());
        HealthResource health = new HealthResource(s.health(), () -> s.quiesce().snapshot().state().admits(),
            s.config().usesRedis());
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
        open.addAll(s.publicRoutes());
        Configurations configurations = new Configurations(s.store());
        ApiResource apis = new ApiResource(s.apis(), new ApiInputReader(vertx, s.importer()), configurations);
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
            new PolicyResource(s.store())::mount,
            new PolicyActionResource(s.store())::mount,
            new PolicyExtrasResource(s.store())::mount,
            new ApplicationLinksResource(s.store())::mount, // before /applications/{id}: PUT /applications/accessTokens
            new ApplicationResource(s.store(), owner)::mount,
            new SearchResource(s.store(), s.users(), s.config().compat().upperCaseSearchKeys())::mount,
            new PlanResource(s.store())::mount,
            new PackageResource(s.store())::mount,
            new SubscriptionUsageResource(s.usage())::mount,
            new SubscriptionResource(s.store(), owner)::mount, // after /subscriptions/usage
            new ExtendedSettingsResource(s.extended())::mount,
            new ConfigurationResource(configurations)::mount, // after the configurations with a service of their own
            new AliasResource(s.store(), owner)::mount,
            new OAuthResources(s.store())::mount,
            new PrincipalResources(s.store(), s.users())::mount,
            new PromotionResources(s.store(), s.promotion(), owner)::mount,
            new EmulatorResource(s.reset(), s.faults(), s.seed(), s.store())::mount,
            new NotEmulatedResource()::mount); // last: every emulated route answers first
    }

    /** A router for one event loop; every request it gets was counted in by {@code admission}, which it counts out. */
    public Router router(Vertx vertx, Admission admission) {
        Router router = Router.router(vertx);
        router.route().handler(new AdmittedRequests(admission));
        BodyHandler bodies = BodyHandler.create(uploads.toString()).setBodyLimit(BODY_LIMIT).setDeleteUploadedFilesOnEnd(true);
        router.route("/rest/*").handler(ctx -> {
            if (ArchiveResource.streamsBody(ctx)) streamed(ctx);
            else bodies.handle(ctx);
        });
        open.forEach(mount -> mount.accept(router));
        router.route(BASE + "/*").handler(auth);
        router.routeWithRegex("/restv2/.*").handler(auth);
        router.route(FACADE + "/*").handler(auth);
        router.route(EMULATOR + "/*").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(auth);
        router.route(QuiescePortResource.INVOKE + "/*").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(auth);
        guarded.forEach(mount -> mount.accept(router));
        AdminErrors errors = new AdminErrors();
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        router.errorHandler(405, errors);
        return router;
    }

    /** Answers a liveness probe on the main port while the node refuses other requests (quiescing). */
    public void liveness(HttpServerRequest req) {
        Liveness.answer(req, liveness.machine());
    }

    /**
     * An archive upload skips the body handler: its resource streams it to disk. Until then it stays paused; if the
     * answer comes first (401, 503, a refused size) the unread rest is not waited for: the connection is closed.
     */
    private static void streamed(io.vertx.ext.web.RoutingContext ctx) {
        ctx.request().pause();
        ctx.addEndHandler(ar -> {
            if (!ctx.request().isEnded()) ctx.request().connection().close();
        });
        ctx.next();
    }

    /** The quiesce port's request handler. */
    public Handler<HttpServerRequest> quiescePortHandler() {
        return quiescePort.handler();
    }
}
