package dev.apigw.emulator.archive;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.config.ArchiveConfig;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Imports an archive (the product's layout, from a real gateway or an emulator) into this node's store. For Java
 * callers (the admin API, migration, promotion): {@link #importArchive} reads and validates the whole zip on an
 * archive worker, plans every write against the store's current documents, and only then writes, type by type in
 * batches: aliases, policy actions, policies, plans, packages, settings, strategies, users, groups, access
 * profiles, applications, gateway scope mappings, and APIs last, so nothing
 * becomes active before what it refers to is stored. A broken or invalid archive fails with a 400
 * {@code GatewayException} and nothing written. The returned log is the product's {@code ArchiveResult}. The future
 * completes once the route table and the application index include the imported assets.
 */
public final class ArchiveImporter {
    /** The order of writes: what is referred to before what refers to it. */
    private static final List<AssetType> WRITE_ORDER = List.of(AssetType.ALIASES, AssetType.POLICY_ACTIONS,
        AssetType.POLICIES, AssetType.PLANS, AssetType.PACKAGES, AssetType.SETTINGS, AssetType.STRATEGIES, AssetType.USERS, AssetType.GROUPS,
        AssetType.ACCESS_PROFILES, AssetType.APPLICATIONS, AssetType.GATEWAY_SCOPES, AssetType.APIS);

    private final AssetStore store;
    private final QuotaCounterStore counters;
    private final AssetValidation validation;
    private final ArchiveWorkspace workspace;
    private final ArchiveConfig config;
    private final List<Supplier<Future<Void>>> views;

    /**
     * @param store the store written to (not the admin API's view: the importer waits once, at the end)
     * @param counters where an archived {@code quotaAccumulator} setting goes (quota counters are no asset)
     * @param validation the admin API's check of every document, applied to each imported one
     * @param views the in-memory views an import must be visible in when it answers (route table, application index)
     */
    public ArchiveImporter(AssetStore store, QuotaCounterStore counters, AssetValidation validation,
                           ArchiveWorkspace workspace, ArchiveConfig config, List<Supplier<Future<Void>>> views) {
        this.store = store;
        this.counters = counters;
        this.validation = validation;
        this.workspace = workspace;
        this.config = config;
        this.views = List.copyOf(views);
    }

    /** Imports the zip at {@code zip} (the caller keeps and deletes the file). */
    public Future<ImportLog> importArchive(Path zip, ImportOptions options) {
        ArchiveSecrets secrets = new ArchiveSecrets(options.passphrase() == null ? config.passphrase() : options.passphrase());
        return workspace.run(() -> ArchiveReader.read(zip, config.maxEntryBytes()))
            .compose(contents -> existing().compose(existing -> workspace.run(() ->
                ImportPlanner.plan(contents, existing, options, secrets, validation))))
            .compose(plan -> write(plan.writes()).map(plan.log()))
            .compose(log -> settled().map(log));
    }

    /**
     * The stored shape of one {@code AdministratorSetting} of the zip, or null when it has none (a migration reads
     * the quota counters this way without writing them as they are).
     */
    public Future<JsonObject> readSetting(Path zip, String configId) {
        return workspace.run(() -> {
            ArchiveContents contents = ArchiveReader.read(zip, config.maxEntryBytes());
            ArchiveContents.Doc doc = contents.settings.get(configId);
            return doc == null ? null : SettingDocs.stored(doc.json(), configId, null);
        });
    }

    private Future<Map<AssetType, Map<String, JsonObject>>> existing() {
        List<Future<List<JsonObject>>> lists = WRITE_ORDER.stream().map(store::list).toList();
        return Future.all(lists).map(all -> {
            Map<AssetType, Map<String, JsonObject>> m = new EnumMap<>(AssetType.class);
            for (int i = 0; i < WRITE_ORDER.size(); i++) {
                Map<String, JsonObject> byId = new HashMap<>();
                for (JsonObject d : all.<List<JsonObject>>resultAt(i)) if (d.getString("id") != null) byId.put(d.getString("id"), d);
                m.put(WRITE_ORDER.get(i), byId);
            }
            return m;
        });
    }

    private Future<Void> write(Map<AssetType, Map<String, JsonObject>> writes) {
        Future<Void> chain = Future.succeededFuture();
        for (AssetType type : WRITE_ORDER) {
            Map<String, JsonObject> docs = new HashMap<>(writes.getOrDefault(type, Map.of()));
            JsonObject quota = type == AssetType.SETTINGS ? docs.remove(ExportResolver.QUOTA_COUNTERS) : null;
            if (!docs.isEmpty()) chain = chain.compose(v -> store.putAll(type, docs));
            if (quota != null) chain = chain.compose(v -> counters.absorb(quotaCycles(quota)));
        }
        return chain;
    }

    /** The well-formed cycles of a {@code quotaAccumulator} setting ({@code {"counters": {app: cycle}}}). */
    private static Map<String, JsonObject> quotaCycles(JsonObject doc) {
        Map<String, JsonObject> out = new HashMap<>();
        if (doc.getValue("counters") instanceof JsonObject all) {
            all.forEach(e -> {
                if (e.getValue() instanceof JsonObject c && c.getValue("startTime") instanceof Number) out.put(e.getKey(), c);
            });
        }
        return out;
    }

    private Future<Void> settled() {
        return Future.all(views.stream().map(Supplier::get).toList()).mapEmpty();
    }
}
