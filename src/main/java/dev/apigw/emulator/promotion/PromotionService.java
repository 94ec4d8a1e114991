package dev.apigw.emulator.promotion;

import dev.apigw.emulator.archive.ArchiveExporter;
import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.archive.ExportSelection;
import dev.apigw.emulator.config.PromotionConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Timestamps;
import dev.apigw.emulator.promotion.ExportReport.Asset;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Promotion of assets to other gateways (stages). A promotion exports the selected assets as an archive (this
 * gateway's archive service, secrets sealed under a one-time passphrase sent along), then for each destination stage
 * in turn: asks the stage for its current copies of the same assets (the snapshot a rollback restores), imports the
 * archive there ({@code POST /rest/apigateway/archive}, the stage's credentials), and keeps the stage's import log.
 * A stage that cannot be reached or refuses makes that stage, and the promotion, {@code Failed} with the reason; the
 * promotion is recorded either way. A rollback re-imports each stage's snapshot and deletes there what the promotion
 * created. Stages and promotions are assets of the store (embedded or Redis), so every node sees them.
 *
 * <p>Non-blocking: HTTP through one shared {@link WebClient}; zips read and snapshots encoded on the archive workers. Callable from any
 * event loop; holds no mutable state of its own.
 */
public final class PromotionService implements Lifecycle {
    private final Vertx vertx;
    private final AssetStore store;
    private final ArchiveExporter exporter;
    private final ArchiveWorkspace workspace;
    private final PromotionConfig config;
    private WebClient client;

    public PromotionService(Vertx vertx, AssetStore store, ArchiveExporter exporter, ArchiveWorkspace workspace,
                            PromotionConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.exporter = exporter;
        this.workspace = workspace;
        this.config = config;
    }

    @Override
    public Future<Void> start() {
        client = WebClient.create(vertx);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        if (client != null) client.close();
        return Future.succeededFuture();
    }

    public PromotionConfig config() {
        return config;
    }

    /** Runs a promotion and records it; completes with the stored document (secrets and snapshots included). */
    public Future<JsonObject> promote(PromotionRequest request, String owner) {
        String passphrase = Applications.randomHex();
        return stages(request.stageIds()).compose(stages -> archive(request, passphrase).compose(archive -> {
            Future<List<StageOutcome>> chain = Future.succeededFuture(new ArrayList<>());
            for (JsonObject stage : stages) {
                chain = chain.compose(done -> promoteTo(stage, archive, request.overwrite(), passphrase).map(o -> {
                    done.add(o);
                    return done;
                }));
            }
            return chain;
        })).compose(outcomes -> {
            JsonObject doc = PromotionDocs.promotion(UUID.randomUUID().toString(), request, owner, outcomes, passphrase);
            return store.put(AssetType.PROMOTIONS, doc.getString("id"), doc).map(doc);
        });
    }

    /** The archive of the promotion and the assets it holds; the temporary zip is gone when this completes. */
    private record Archive(Buffer zip, List<Asset> assets) {
    }

    private Future<Archive> archive(PromotionRequest request, String passphrase) {
        return exporter.export(ExportSelection.of(request.assets(), request.includeApplications()), passphrase)
            .compose(file -> workspace.run(() -> ExportReport.read(file))
                .compose(assets -> vertx.fileSystem().readFile(file.toString()).map(zip -> new Archive(zip, assets)))
                .andThen(ar -> workspace.delete(file)));
    }

    private Future<List<JsonObject>> stages(List<String> ids) {
        List<Future<JsonObject>> found = ids.stream().map(id -> store.get(AssetType.STAGES, id)).toList();
        return Future.all(found).map(all -> {
            List<JsonObject> stages = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                JsonObject s = all.resultAt(i);
                if (s == null) throw GatewayException.admin(404, "NOT_FOUND", "Stage with id: " + ids.get(i) + " does not exist.");
                stages.add(s);
            }
            return stages;
        });
    }

    /** Snapshot, then import; any failure becomes the stage's reason (never a failed future). */
    private Future<StageOutcome> promoteTo(JsonObject stage, Archive archive, String overwrite, String passphrase) {
        StageClient stageClient = new StageClient(client, stage, config.targetTimeoutMs());
        return stageClient.export(ExportReport.snapshotSearch(archive.assets()), passphrase)
            .compose(zip -> workspace.run(() -> Base64.getEncoder().encodeToString(zip.getBytes())))
            .compose(snapshot -> stageClient.importArchive(archive.zip(), overwrite, passphrase)
                .map(log -> StageOutcome.imported(stage, log, snapshot)))
            .otherwise(err -> StageOutcome.failed(stage, reason(err)));
    }

    private static String reason(Throwable err) {
        return err instanceof StageClient.StageException ? err.getMessage() : "promotion failed: " + err;
    }

    public Future<List<JsonObject>> list() {
        return store.list(AssetType.PROMOTIONS).map(all -> all.stream()
            .sorted(java.util.Comparator.comparing(p -> p.getString("creationTime", ""))).toList());
    }

    /** The promotion, or a 404. */
    public Future<JsonObject> find(String id) {
        return store.get(AssetType.PROMOTIONS, id).map(doc -> {
            if (doc == null) throw GatewayException.admin(404, "NOT_FOUND", "Promotion with id: " + id + " does not exist.");
            return doc;
        });
    }

    public Future<Void> delete(String id) {
        return find(id).compose(doc -> store.delete(AssetType.PROMOTIONS, id)).mapEmpty();
    }

    /** The promotion of a rollback id (the promotion's id) that can still be rolled back, or a 404. */
    public Future<JsonObject> findRollback(String id) {
        return store.get(AssetType.PROMOTIONS, id).map(doc -> {
            if (doc == null || !PromotionDocs.rollbackable(doc)) {
                throw GatewayException.admin(404, "NOT_FOUND", "Rollback with id: " + id + " does not exist.");
            }
            return doc;
        });
    }

    /** Forgets a rollback: the promotion stays, and can no longer be rolled back. */
    public Future<Void> deleteRollback(String id) {
        return findRollback(id).compose(doc -> store.put(AssetType.PROMOTIONS, id, PromotionDocs.withoutRollback(doc)));
    }

    /** Every promotion that can be rolled back. */
    public Future<List<JsonObject>> rollbacks() {
        return list().map(all -> all.stream().filter(PromotionDocs::rollbackable).toList());
    }

    /**
     * Restores each stage the promotion reached: re-imports the stage's snapshot (overwriting what the promotion
     * changed) and deletes what the promotion created there. Completes with the updated document.
     */
    public Future<JsonObject> rollback(String id) {
        return findRollback(id).compose(doc -> {
            String passphrase = PromotionDocs.passphrase(doc);
            Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
            for (JsonObject stageRun : PromotionDocs.stageRuns(doc)) {
                chain = chain.compose(errors -> restore(stageRun, passphrase).map(err -> {
                    if (err != null) errors.add(err);
                    return errors;
                }));
            }
            return chain.compose(errors -> {
                JsonObject updated = PromotionDocs.rolledBack(doc, errors, Timestamps.now());
                return store.put(AssetType.PROMOTIONS, id, updated).map(updated);
            });
        });
    }

    /** Completes with null when the stage is restored, else with the reason. */
    private Future<String> restore(JsonObject run, String passphrase) {
        return store.get(AssetType.STAGES, run.getString("stageId")).compose(stage -> {
            if (stage == null) return Future.succeededFuture("stage " + run.getString("stageName") + " no longer exists");
            StageClient stageClient = new StageClient(client, stage, config.targetTimeoutMs());
            Future<Void> deletes = workspace.run(() -> Buffer.buffer(Base64.getDecoder().decode(run.getString("snapshot", ""))))
                .compose(snapshot -> stageClient.importArchive(snapshot, "*", passphrase)).mapEmpty();
            for (Object o : run.getJsonArray("created", new JsonArray())) {
                JsonObject created = (JsonObject) o;
                deletes = deletes.compose(v -> stageClient.delete(created.getString("type"), created.getString("id")));
            }
            return deletes.map(v -> (String) null).otherwise(PromotionService::reason);
        });
    }
}
