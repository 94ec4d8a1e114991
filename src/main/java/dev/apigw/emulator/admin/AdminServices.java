package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.catalog.DefinitionImporter;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.events.Events;
import dev.apigw.emulator.metrics.DestinationSettings;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.quiesce.AdmissionCounter;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.QuiesceSequence;
import dev.apigw.emulator.quiesce.Shutdown;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.ExtendedSettings;
import dev.apigw.emulator.store.MetricsStore;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;

/**
 * The services the admin API's resources call, built by the composition root and handed over in one piece.
 *
 * @param store the asset store as the admin API sees it: writes answer once the runtime applies them
 * @param publicRoutes routes served without administrator credentials (the OAuth2 and JWT endpoints)
 * @param events runtime events: searches, purge and archive jobs, and the recorder of API lifecycle events
 */
public record AdminServices(GatewayConfig config, AssetStore store, ApiAssets apis, DefinitionImporter importer,
                            HealthChecks health, QuiesceMachine quiesce, AdmissionCounter admission,
                            QuiesceSequence sequence, QuiescePort quiescePort, Shutdown shutdown, GatewayMeters meters,
                            MetricsStore published, DestinationSettings destination, SubscriptionUsage usage,
                            ExtendedSettings extended, List<Consumer<Router>> publicRoutes, Events events) {
}
