package dev.apigw.emulator.admin;

import dev.apigw.emulator.archive.ArchiveExporter;
import dev.apigw.emulator.archive.ArchiveImporter;
import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.catalog.DefinitionImporter;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.events.Events;
import dev.apigw.emulator.harness.Faults;
import dev.apigw.emulator.harness.Reset;
import dev.apigw.emulator.harness.SeedLoader;
import dev.apigw.emulator.iam.UserDirectory;
import dev.apigw.emulator.metrics.DestinationSettings;
import dev.apigw.emulator.metrics.GatewayMeters;
import dev.apigw.emulator.migration.MigrationService;
import dev.apigw.emulator.promotion.PromotionService;
import dev.apigw.emulator.quiesce.AdmissionCounter;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.QuiesceSequence;
import dev.apigw.emulator.quiesce.Shutdown;
import dev.apigw.emulator.quota.SubscriptionUsage;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.ExtendedSettings;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.SkippedAssets;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;

/**
 * The services the admin API's resources call, built by the composition root and handed over in one piece.
 *
 * @param store the asset store as the admin API sees it: writes answer once the runtime applies them
 * @param validation the shape and meaning check of every asset written
 * @param skipped stored documents the node's views left out, with the reasons (health, GET /apis/{id})
 * @param publicRoutes routes served without administrator credentials (the OAuth2 and JWT endpoints)
 * @param faults, reset, seed the emulator's test aids under {@code /emulator}
 * @param archives the archive export and import with their workspace
 * @param users who signs in to the admin API: the configured administrator and the local users
 * @param events runtime events: searches, purge and archive jobs, and the recorder of API lifecycle events
 * @param promotion stages, promotions to them and rollbacks
 */
public record AdminServices(GatewayConfig config, AssetStore store, AssetValidation validation, ApiAssets apis,
                            DefinitionImporter importer,
                            HealthChecks health, QuiesceMachine quiesce, AdmissionCounter admission,
                            QuiesceSequence sequence, QuiescePort quiescePort, Shutdown shutdown, GatewayMeters meters,
                            MetricsStore published, DestinationSettings destination, SubscriptionUsage usage,
                            ExtendedSettings extended, SkippedAssets skipped, List<Consumer<Router>> publicRoutes,
                            Faults faults, Reset reset, SeedLoader seed, Archives archives, MigrationService migration,
                            UserDirectory users, Events events, PromotionService promotion) {

    /** The archive service's parts the admin API uses. */
    public record Archives(ArchiveExporter exporter, ArchiveImporter importer, ArchiveWorkspace workspace) {
    }
}
