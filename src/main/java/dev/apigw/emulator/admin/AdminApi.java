package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The design-time REST API under {@code /rest/apigateway} (and the UI facade under {@code /rest/facade/apigateway}):
 * one router per event loop, built from resources shared by all of them. Health answers without credentials; every
 * other admin call needs the administrator's Basic credentials.
 */
public final class AdminApi {
    public static final String BASE = "/rest/apigateway";
    public static final String FACADE = "/rest/facade/apigateway";
    private static final long BODY_LIMIT = 64L * 1024 * 1024;

    private final GatewayConfig config;
    private final ApiResource apis;
    private final PolicyResource policies;
    private final PolicyActionResource policyActions;
    private final SearchResource search;
    private final HealthResource health;
    private final AdminAuthHandler auth;
    private final ApplicationResource applications;
    private final ApplicationLinksResource applicationLinks;
    private java.util.function.Consumer<Router> publicRoutes = r -> { };
    private final List<BiConsumer<Router, String>> extraResources = new CopyOnWriteArrayList<>();
    private final List<Consumer<Router>> extensions = new CopyOnWriteArrayList<>();

    public AdminApi(Vertx vertx, GatewayConfig config, AssetStore store, ApiAssets apiAssets, HealthChecks checks,
                    BooleanSupplier accepting) {
        this.config = config;
        this.apis = new ApiResource(apiAssets, new ApiInputReader(vertx, new DefinitionImporter(vertx)));
        this.policies = new PolicyResource(store);
        this.policyActions = new PolicyActionResource(store);
        this.search = new SearchResource(store, config.admin());
        this.health = new HealthResource(checks, accepting, config.usesRedis());
        this.auth = new AdminAuthHandler(config.admin());
        this.applications = new ApplicationResource(store, config.admin().username());
        this.applicationLinks = new ApplicationLinksResource(store);
    }

    /**
     * Routes that answer without administrator credentials (the OAuth2 and JWT endpoints under {@code /invoke} and
     * {@code /rest/pub}); mounted before the admin authentication. Set once, before the verticles start.
     */
    public AdminApi withPublicRoutes(java.util.function.Consumer<Router> mounter) {
        this.publicRoutes = mounter;
        return this;
    }

    /**
     * Adds resources mounted behind admin authentication on every router built afterwards: {@code (router, base)}.
     * Call from Main before the verticles are deployed.
     */
    public void addResource(BiConsumer<Router, String> mount) {
        extraResources.add(mount);
    }

    /**
     * Adds routes mounted right after authentication and before the built-in resources (quiesce's design-time
     * block must see every write first). Call before the first {@link #router}.
     */
    public void extend(Consumer<Router> mount) {
        extensions.add(mount);
    }

    public AdminAuthHandler auth() {
        return auth;
    }

    /** A router for one event loop. Call from that event loop's verticle. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route("/rest/*").handler(BodyHandler.create(config.dataDir().resolve("uploads").toString())
            .setBodyLimit(BODY_LIMIT).setDeleteUploadedFilesOnEnd(true));
        health.mount(router, BASE);
        publicRoutes.accept(router);
        router.route(BASE + "/*").handler(auth);
        router.route(FACADE + "/*").handler(auth);
        extensions.forEach(mount -> mount.accept(router));
        apis.mount(router, BASE);
        policies.mount(router, BASE);
        policyActions.mount(router, BASE);
        applications.mount(router, BASE);
        applicationLinks.mount(router, BASE);
        search.mount(router, BASE, FACADE);
        extraResources.forEach(m -> m.accept(router, BASE));
        AdminFailureHandler failures = new AdminFailureHandler();
        router.route().failureHandler(failures);
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);
        return router;
    }
}
