package dev.apigw.emulator.archive;

import dev.apigw.emulator.archive.ArchiveContents.Doc;
import dev.apigw.emulator.catalog.AssetShapes;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.ScopeReferences;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole-archive checks of an import, all before the first write: every document has the shape the admin API
 * would accept for its type (the same {@link AssetValidation}: shape, nesting, and the meaning of policy actions),
 * and every policy an API or plan names and every action a policy enforces is in the archive or already on this
 * gateway. A failure is a 400 naming the entry or the reference. Documents stored as the archive has them are checked
 * here, entry by entry; applications and settings, which an import converts, once converted ({@link #converted}).
 */
final class ImportValidation {
    private ImportValidation() {
    }

    static void check(ArchiveContents c, Map<AssetType, Map<String, JsonObject>> existing, AssetValidation validation) {
        shapes(c.apis, d -> validation.check(AssetType.APIS, d));
        shapes(c.policies, d -> validation.check(AssetType.POLICIES, d));
        shapes(c.actions, d -> validation.check(AssetType.POLICY_ACTIONS, d));
        shapes(c.applications, AssetShapes::checkApplication);
        shapes(c.plans, d -> validation.check(AssetType.PLANS, d));
        shapes(c.aliases, d -> validation.check(AssetType.ALIASES, d));
        shapes(c.packages, d -> validation.check(AssetType.PACKAGES, d));
        shapes(c.settings, d -> {
            if (d.getValue("properties") != null && !(d.getValue("properties") instanceof JsonObject)) {
                throw GatewayException.invalidPayload("'properties' must be an object");
            }
        });
        shapes(c.strategies, d -> AssetShapes.checkNamed(d.copy().put("id", d.getValue("id", "?"))));
        shapes(c.groups, d -> AssetShapes.checkNamed(d.copy().put("id", d.getValue("id", "?"))));
        shapes(c.profiles, d -> AssetShapes.checkNamed(d.copy().put("id", d.getValue("id", "?"))));
        shapes(c.users, d -> text(d, "loginId"));
        shapes(c.scopes, d -> text(d, "scopeName"));
        for (Doc scope : c.scopes.values()) {
            List<String> apis = new java.util.ArrayList<>();
            if (scope.json().getValue("apiScopes") instanceof io.vertx.core.json.JsonArray refs) {
                for (Object r : refs) apis.add(ScopeReferences.apiIdOf(String.valueOf(r)));
            }
            refs("gateway scope " + scope.id(), "API", apis, c.apis, existing.get(AssetType.APIS));
        }
        for (Doc api : c.apis.values()) {
            refs("API " + ArchiveNames.api(api.json()) + " (" + api.id() + ")", "policy", AssetRefs.apiPolicies(api.json()), c.policies,
                existing.get(AssetType.POLICIES));
        }
        for (Doc policy : c.policies.values()) {
            refs("policy " + policy.id(), "policy action", Policies.allActionIds(policy.json()), c.actions,
                existing.get(AssetType.POLICY_ACTIONS));
        }
        for (Doc plan : c.plans.values()) {
            refs("plan " + plan.id(), "policy", AssetRefs.planPolicies(plan.json()), c.policies, existing.get(AssetType.POLICIES));
        }
    }

    /** The converted applications and settings as they will be stored, checked as an admin write would be. */
    static void converted(Map<AssetType, Map<String, JsonObject>> writes, AssetValidation validation) {
        for (AssetType type : List.of(AssetType.APPLICATIONS, AssetType.SETTINGS)) {
            for (Map.Entry<String, JsonObject> w : writes.getOrDefault(type, Map.of()).entrySet()) {
                try {
                    validation.check(type, w.getValue());
                } catch (GatewayException e) {
                    throw ArchiveReader.invalid(type.key() + " " + w.getKey() + ": " + e.getMessage());
                }
            }
        }
    }

    private static void text(JsonObject doc, String key) {
        if (!(doc.getValue(key) instanceof String s) || s.isBlank()) {
            throw GatewayException.invalidPayload("the mandatory field " + key + " is missing");
        }
    }

    private static void shapes(Map<String, Doc> docs, Consumer<JsonObject> check) {
        for (Doc d : docs.values()) {
            try {
                check.accept(d.json());
            } catch (GatewayException e) {
                throw ArchiveReader.invalid("entry " + d.path() + ": " + e.getMessage());
            }
        }
    }

    private static void refs(String from, String kind, List<String> ids, Map<String, Doc> archive, Map<String, JsonObject> stored) {
        for (String id : ids) {
            if (!archive.containsKey(id) && (stored == null || !stored.containsKey(id))) {
                throw ArchiveReader.invalid(from + " refers to " + kind + " " + id + ", which is neither in the archive nor on this gateway");
            }
        }
    }
}
