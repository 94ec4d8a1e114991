package dev.apigw.emulator.migration;

import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transform action. The product rewrites reindexed documents for its new version; the emulator's documents need
 * no rewriting, so transform checks what arrived instead and reports it: every document has its type's shape, every
 * policy an API names, every action a policy enforces and every API an application is registered to exists. It
 * succeeds with the counts per kind, or fails naming the first problems (with the counts too). It changes nothing.
 */
final class Transformer {
    private static final int PROBLEMS_SHOWN = 10;
    private final AssetStore store;
    private final ArchiveWorkspace workspace;
    private final AssetValidation validation;

    Transformer(AssetStore store, ArchiveWorkspace workspace, AssetValidation validation) {
        this.store = store;
        this.workspace = workspace;
        this.validation = validation;
    }

    Future<JsonObject> run() {
        List<AssetType> types = CoreWriter.ORDER;
        return Future.all(types.stream().map(store::list).toList()).compose(all -> {
            Map<AssetType, List<JsonObject>> docs = new java.util.EnumMap<>(AssetType.class);
            for (int i = 0; i < types.size(); i++) docs.put(types.get(i), all.resultAt(i));
            JsonObject counts = new JsonObject();
            docs.forEach((t, list) -> counts.put(t.key(), list.size()));
            return workspace.run(() -> problems(docs)).compose(problems -> verdict(problems, counts));
        });
    }

    private static Future<JsonObject> verdict(List<String> problems, JsonObject counts) {
        if (problems.isEmpty()) return Future.succeededFuture(counts);
        String shown = String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
        return Future.failedFuture(new MigrationService.Failure(problems.size() + " problem(s) in the migrated assets: "
            + shown + (problems.size() > PROBLEMS_SHOWN ? "; ..." : ""), counts));
    }

    private List<String> problems(Map<AssetType, List<JsonObject>> docs) {
        List<String> problems = new ArrayList<>();
        docs.forEach((type, list) -> list.forEach(d -> {
            try {
                validation.check(type, d.copy()); // the admin API's check, on a copy: transform changes nothing
            } catch (GatewayException e) {
                problems.add(type.key() + " " + d.getValue("id") + ": " + e.getMessage());
            }
        }));
        Set<String> policies = ids(docs.get(AssetType.POLICIES));
        Set<String> actions = ids(docs.get(AssetType.POLICY_ACTIONS));
        Set<String> apis = ids(docs.get(AssetType.APIS));
        for (JsonObject api : docs.get(AssetType.APIS)) {
            for (Object p : api.getJsonArray("policies", new JsonArray())) {
                if (!policies.contains(String.valueOf(p))) problems.add("API " + api.getString("id") + " names the missing policy " + p);
            }
        }
        for (JsonObject policy : docs.get(AssetType.POLICIES)) {
            for (String a : Policies.allActionIds(policy)) {
                if (!actions.contains(a)) problems.add("policy " + policy.getString("id") + " enforces the missing action " + a);
            }
        }
        for (JsonObject app : docs.get(AssetType.APPLICATIONS)) {
            for (String a : Applications.consumingApis(app)) {
                if (!apis.contains(a)) problems.add("application " + app.getString("id") + " is registered to the missing API " + a);
            }
        }
        return problems;
    }

    private static Set<String> ids(List<JsonObject> docs) {
        Set<String> ids = new HashSet<>();
        for (JsonObject d : docs) if (d.getString("id") != null) ids.add(d.getString("id"));
        return ids;
    }
}
