package dev.apigw.emulator.migration;

import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes design-time documents read from a source in the store's own shape (an old cluster's Redis): each checked
 * as an admin write would be ({@link AssetShapes}; one that fails is skipped with a warning and counted, as a node
 * skips it when it starts), then written in batches in the order that keeps references whole, APIs last, so no API
 * becomes active before its policies and actions are stored. The checks run on the archive workers, off the event
 * loop (a cluster's worth of documents).
 */
final class CoreWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CoreWriter.class);
    static final List<AssetType> ORDER = List.of(AssetType.ALIASES, AssetType.POLICY_ACTIONS, AssetType.POLICIES,
        AssetType.PLANS, AssetType.PACKAGES, AssetType.SETTINGS, AssetType.WEBHOOKS, AssetType.STRATEGIES, AssetType.USERS,
        AssetType.GROUPS, AssetType.ACCESS_PROFILES, AssetType.APPLICATIONS, AssetType.GATEWAY_SCOPES, AssetType.APIS);

    private final AssetStore store;
    private final ArchiveWorkspace workspace;
    private final AssetValidation validation;

    /** What passed the checks, by type in write order, and the counts. */
    private record Checked(Map<AssetType, Map<String, JsonObject>> valid, JsonObject counts) {
    }

    /** @param validation the admin API's check of a document about to be stored, applied to every copied one */
    CoreWriter(AssetStore store, ArchiveWorkspace workspace, AssetValidation validation) {
        this.store = store;
        this.workspace = workspace;
        this.validation = validation;
    }

    /** Completes with {@code {"<type key>": written, ..., "skipped": n}}. */
    Future<JsonObject> write(Map<AssetType, List<JsonObject>> documents) {
        return workspace.run(() -> check(documents)).compose(checked -> {
            Future<Void> chain = Future.succeededFuture();
            for (AssetType type : ORDER) {
                Map<String, JsonObject> docs = checked.valid().get(type);
                if (!docs.isEmpty()) chain = chain.compose(v -> store.putAll(type, docs));
            }
            return chain.map(checked.counts());
        });
    }

    private Checked check(Map<AssetType, List<JsonObject>> documents) {
        JsonObject counts = new JsonObject();
        int skipped = 0;
        Map<AssetType, Map<String, JsonObject>> valid = new LinkedHashMap<>();
        for (AssetType type : ORDER) {
            Map<String, JsonObject> ok = new LinkedHashMap<>();
            for (JsonObject doc : documents.getOrDefault(type, List.of())) {
                if (acceptable(type, doc)) ok.put(doc.getString("id"), doc);
                else skipped++;
            }
            valid.put(type, ok);
            if (documents.containsKey(type)) counts.put(type.key(), ok.size());
        }
        counts.put("skipped", skipped);
        return new Checked(valid, counts);
    }

    boolean acceptable(AssetType type, JsonObject doc) {
        if (!(doc.getValue("id") instanceof String id) || id.isBlank()) return false;
        try {
            validation.check(type, doc);
            return true;
        } catch (GatewayException e) {
            LOG.warn("migration skips {} {}: {}", type.key(), id, e.getMessage());
            return false;
        }
    }
}
