package dev.apigw.emulator;

import dev.apigw.emulator.admin.AdminApi;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.config.OpsConfig;
import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.metrics.LicenseMetrics;
import dev.apigw.emulator.metrics.MetricsResource;
import dev.apigw.emulator.metrics.PerformanceMetrics;
import dev.apigw.emulator.quiesce.GatewayEvents;
import dev.apigw.emulator.quiesce.QuiesceController;
import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.QuiescePortApi;
import dev.apigw.emulator.quiesce.QuiesceResource;
import dev.apigw.emulator.quiesce.ShutdownController;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.webhook.WebhookDispatcher;
import dev.apigw.emulator.webhook.WebhookResource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's operations side, wired by {@link Main}: quiesce controller and port, metrics publishers and meters,
 * webhooks and shutdown. Built once per node and shared by every event loop.
 */
final class Operations {
    final QuiesceController quiesce;
    final QuiescePort quiescePort;
    final ShutdownController shutdown;
    final PerformanceMetrics performance;
    final LicenseMetrics license;
    final GatewayMeters meters;
    private final OpsConfig ops;
    private final WebhookDispatcher webhooks;
    private final MetricsResource metricsResource;
    private final WebhookResource webhookResource;
    private final Promise<Boolean> exitRequested = Promise.promise();

    /** @param quota the {@code subscription_quota} flushable (the throttle and quota issue's, or a placeholder) */
    Operations(Vertx vertx, Context home, GatewayConfig config, AssetStore store, MetricsStore published,
               PrometheusMeterRegistry registry, Flushable quota) {
        this.ops = config.ops();
        this.meters = new GatewayMeters(registry);
        this.performance = new PerformanceMetrics(vertx, published, ops.publishIntervalSeconds() * 1000L);
        this.license = new LicenseMetrics(vertx, published, ops.licensePublishIntervalMinutes() * 60_000L);
        performance.onPublished(meters::published);
        license.onPublished(meters::published);
        List<Flushable> flushables = List.of(performance, license, quota);
        this.webhooks = new WebhookDispatcher(vertx, store, ops.webhookMaxAttempts(), ops.webhookInitialBackoffMs(),
            ops.webhookTimeoutMs());
        this.quiescePort = new QuiescePort(vertx, home, ops.quiesceHost());
        this.quiesce = new QuiesceController(vertx, flushables, webhooks::emit, quiescePort::ready,
            ops.drainTimeoutMs(), ops.keepListening());
        this.shutdown = new ShutdownController(quiesce, bounce -> {
            exitRequested.tryComplete(bounce);
            return Future.succeededFuture();
        });
        this.metricsResource = new MetricsResource(meters, published, store, performance);
        this.webhookResource = new WebhookResource(store);
        meters.gauges(quiesce::inFlight, quiesce::state);
    }

    /** Completes with the {@code bounce} flag once a shutdown has drained and flushed and the node should exit. */
    Future<Boolean> exitRequested() {
        return exitRequested.future();
    }

    List<ExchangeObserver> observers() {
        return List.of(performance, license, meters);
    }

    /** Adds the admin routes; the design-time block first. */
    void mount(Vertx vertx, AdminApi admin) {
        QuiesceResource quiesceResource = new QuiesceResource(quiesce);
        QuiescePortApi portApi = new QuiescePortApi(quiesce, quiescePort);
        admin.extend(router -> {
            quiesceResource.mount(router, AdminApi.BASE, AdminApi.FACADE);
            portApi.mountMain(router, AdminApi.BASE, admin.auth());
            metricsResource.mountPublic(router);
            metricsResource.mount(router, AdminApi.BASE);
            webhookResource.mount(router, AdminApi.BASE);
            shutdown.mount(router, AdminApi.BASE);
        });
        quiescePort.handler(portApi.quiesceRouter(vertx, AdminApi.BASE, admin.auth()));
    }

    /** Starts publishers and (when configured) the quiesce port; the server-started event follows the main port. */
    Future<Void> start() {
        Future<Void> port = Future.succeededFuture();
        if (ops.quiescePort() > 0) {
            quiescePort.define("QuiescePort", ops.quiescePort());
            port = quiescePort.enable(quiescePort.byAlias("QuiescePort")).compose(v -> quiescePort.choose("QuiescePort"));
        }
        Future<Void> quiescePortBound = port;
        return metricsResource.loadInterval().recover(err -> Future.succeededFuture()).compose(v -> quiescePortBound).onSuccess(v -> {
            performance.start();
            license.start();
        });
    }

    void started(int mainPort) {
        webhooks.emit(GatewayEvents.SERVER_STARTED, new JsonObject().put("port", mainPort)
            .put("quiescePort", quiescePort.actualPort()));
    }

    Future<Void> close() {
        performance.stop();
        license.stop();
        webhooks.close();
        List<Future<Void>> all = new ArrayList<>();
        all.add(quiescePort.close());
        return Future.join(all).mapEmpty();
    }
}
