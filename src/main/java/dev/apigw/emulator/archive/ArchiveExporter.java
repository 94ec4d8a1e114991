package dev.apigw.emulator.archive;

import dev.apigw.emulator.config.ArchiveConfig;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Exports assets as an archive in the product's layout. For Java callers (the admin API, migration, promotion):
 * {@link #export} writes the zip to a temporary file and hands it over; the caller sends or copies it and then
 * deletes it ({@link ArchiveWorkspace#delete}). The store is read on the caller's event loop (non-blocking); the
 * selection, the zip and the file are all handled on the archive workers. Memory holds the selected documents once
 * (as the store hands them out) and never the zip.
 */
public final class ArchiveExporter {
    private final AssetStore store;
    private final QuotaCounterStore counters;
    private final ArchiveWorkspace workspace;
    private final ArchiveConfig config;

    /** @param counters the quota counters, exported as the settings document {@code quotaAccumulator} when named */
    public ArchiveExporter(AssetStore store, QuotaCounterStore counters, ArchiveWorkspace workspace, ArchiveConfig config) {
        this.store = store;
        this.counters = counters;
        this.workspace = workspace;
        this.config = config;
    }

    /** {@link #export(ExportSelection, String)} with the configured {@code archive.passphrase}. */
    public Future<Path> export(ExportSelection selection) {
        return export(selection, null);
    }

    /**
     * The archive of {@code selection} as a temporary zip file. Fails with a 400 {@code GatewayException} when the
     * selection names ids that do not exist, and with {@code StoreUnavailableException} when the store is down.
     *
     * @param passphrase seals API keys, OAuth2 credentials and the JWT key; null = the configured
     *     {@code archive.passphrase}; empty = no secrets in the archive
     */
    public Future<Path> export(ExportSelection selection, String passphrase) {
        ArchiveSecrets secrets = new ArchiveSecrets(passphrase == null ? config.passphrase() : passphrase);
        return documents(selection).compose(docs -> workspace.newFile(".zip").compose(file -> workspace.run(() -> {
            ExportTree tree = ExportResolver.resolve(selection, docs);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                ArchiveWriter.write(tree, out, config.runtimeVersion(), secrets);
            }
            return file;
        }).onFailure(err -> workspace.delete(file))));
    }

    /** Writes the archive of {@code selection} to {@code out} on an archive worker (the caller owns the stream). */
    public Future<Integer> exportTo(ExportSelection selection, String passphrase, OutputStream out) {
        ArchiveSecrets secrets = new ArchiveSecrets(passphrase == null ? config.passphrase() : passphrase);
        return documents(selection).compose(docs -> workspace.run(() ->
            ArchiveWriter.write(ExportResolver.resolve(selection, docs), out, config.runtimeVersion(), secrets)));
    }

    private Future<Map<AssetType, List<JsonObject>>> documents(ExportSelection selection) {
        List<AssetType> types = new ArrayList<>(ExportSelection.PARAMETERS.values());
        List<Future<List<JsonObject>>> lists = types.stream().map(store::list).toList();
        return Future.all(lists).compose(all -> {
            Map<AssetType, List<JsonObject>> m = new EnumMap<>(AssetType.class);
            for (int i = 0; i < types.size(); i++) m.put(types.get(i), all.resultAt(i));
            return namesQuotaCounters(selection) ? withQuotaCounters(m) : Future.succeededFuture(m);
        });
    }

    /** Only an export that names {@code configurations=quotaAccumulator} carries the counters (a migration reads them). */
    private static boolean namesQuotaCounters(ExportSelection selection) {
        ExportSelection.Selector settings = selection.selectors().get(AssetType.SETTINGS);
        return settings != null && settings.ids() != null && settings.ids().contains(ExportResolver.QUOTA_COUNTERS);
    }

    /** The counters of every application as the product's settings document {@code {"counters": {app: cycle}}}. */
    private Future<Map<AssetType, List<JsonObject>>> withQuotaCounters(Map<AssetType, List<JsonObject>> m) {
        List<String> apps = new ArrayList<>();
        for (JsonObject a : m.getOrDefault(AssetType.APPLICATIONS, List.of())) if (a.getValue("id") instanceof String id) apps.add(id);
        return counters.getAll(apps).map(cycles -> {
            if (cycles.isEmpty()) return m; // a node that never counted has none: the export names a missing id (400)
            JsonObject doc = new JsonObject().put("id", ExportResolver.QUOTA_COUNTERS).put("counters", new JsonObject(
                new java.util.LinkedHashMap<>(cycles)));
            List<JsonObject> settings = new ArrayList<>(m.getOrDefault(AssetType.SETTINGS, List.of()));
            settings.removeIf(d -> ExportResolver.QUOTA_COUNTERS.equals(d.getValue("id")));
            settings.add(doc);
            m.put(AssetType.SETTINGS, settings);
            return m;
        });
    }
}
