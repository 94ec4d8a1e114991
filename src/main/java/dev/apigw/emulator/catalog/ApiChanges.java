package dev.apigw.emulator.catalog;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.Timestamps;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API changes beyond create/update/delete: mock mode, the portals an API is recorded as published to, and new
 * versions. A new version is a copy of the latest one under a new id and {@code apiVersion}, inactive, with its own
 * copy of the service policy and its actions; applications may follow it ({@code retainApplications}).
 */
public final class ApiChanges {
    private final AssetStore store;
    private final ApiAssets apis;

    public ApiChanges(AssetStore store, ApiAssets apis) {
        this.store = store;
        this.apis = apis;
    }

    /** Turns mock mode on or off; as in the product, only on an inactive API. */
    public Future<JsonObject> mock(String id, boolean enable) {
        return apis.find(id).compose(api -> {
            if (Boolean.TRUE.equals(Lenient.bool(api.getValue("isActive")))) {
                throw GatewayException.admin(400, "API_ACTIVE", "API " + id + " is active. Deactivate the API before "
                    + (enable ? "enabling" : "disabling") + " mocking.");
            }
            JsonObject service = api.getValue("mockService") instanceof JsonObject m ? m : new JsonObject();
            api.put("mockService", service.put("enableMock", enable)).put("lastModified", Timestamps.now());
            return store.put(AssetType.APIS, id, api).map(api);
        });
    }

    /** Records (or forgets) a portal the API is published to, in {@code publishedPortals}. */
    public Future<JsonObject> portal(String id, String portalGatewayId, boolean published) {
        return apis.find(id).compose(api -> {
            JsonArray portals = api.getValue("publishedPortals") instanceof JsonArray p ? p : new JsonArray();
            portals.remove(portalGatewayId);
            if (published) portals.add(portalGatewayId);
            api.put("publishedPortals", portals).put("lastModified", Timestamps.now());
            return store.put(AssetType.APIS, id, api).map(api);
        });
    }

    /** Every version of the API's name, oldest first. */
    public Future<List<JsonObject>> versions(String id) {
        return apis.find(id).compose(api -> apis.all().map(all -> all.stream()
            .filter(a -> api.getString("apiName", "").equals(a.getString("apiName")))
            .sorted((a, b) -> Long.compare(systemVersion(a), systemVersion(b))).toList()));
    }

    public Future<JsonObject> newVersion(String id, String newVersion, boolean retainApplications) {
        if (newVersion == null || newVersion.isBlank()) {
            return Future.failedFuture(GatewayException.invalidPayload("newApiVersion is mandatory"));
        }
        return versions(id).compose(all -> {
            JsonObject api = all.stream().filter(a -> id.equals(a.getString("id"))).findFirst().orElseThrow();
            long latest = all.stream().mapToLong(ApiChanges::systemVersion).max().orElse(1);
            if (systemVersion(api) < latest) {
                throw GatewayException.admin(400, "NOT_LATEST", "A new version can only be created from the latest version of the API.");
            }
            if (all.stream().anyMatch(a -> newVersion.equals(a.getString("apiVersion")))) {
                throw GatewayException.admin(400, "API_EXISTS", "Unable to process the create API request. Reason: API with apiName "
                    + api.getString("apiName") + " and apiVersion " + newVersion + " already exists");
            }
            String newId = UUID.randomUUID().toString();
            JsonObject copy = api.copy().put("id", newId).put("apiVersion", newVersion).put("isActive", false)
                .put("systemVersion", latest + 1).put("creationDate", Timestamps.now()).put("lastModified", Timestamps.now())
                .put("publishedPortals", new JsonArray());
            return copyServicePolicy(copy).compose(v -> store.put(AssetType.APIS, newId, copy))
                .compose(v -> retainApplications ? follow(id, newId) : Future.succeededFuture()).map(copy);
        });
    }

    private Future<Void> copyServicePolicy(JsonObject api) {
        JsonArray ids = api.getJsonArray("policies", new JsonArray());
        if (ids.isEmpty()) return Future.succeededFuture();
        return store.get(AssetType.POLICIES, ids.getString(0)).compose(policy -> {
            if (policy == null) return Future.succeededFuture();
            JsonObject copy = policy.copy().put("id", UUID.randomUUID().toString());
            Map<String, String> renamed = new HashMap<>();
            Future<Void> actions = Future.succeededFuture();
            for (String aid : Policies.allActionIds(policy)) {
                String nid = renamed.computeIfAbsent(aid, k -> UUID.randomUUID().toString());
                actions = actions.compose(v -> store.get(AssetType.POLICY_ACTIONS, aid)).compose(action -> action == null
                    ? Future.succeededFuture() : store.put(AssetType.POLICY_ACTIONS, nid, action.copy().put("id", nid)));
            }
            for (Object st : copy.getJsonArray("policyEnforcements", new JsonArray())) {
                if (!(st instanceof JsonObject stage)) continue;
                for (Object e : stage.getJsonArray("enforcements", new JsonArray())) {
                    if (e instanceof JsonObject en && renamed.containsKey(en.getString("enforcementObjectId"))) {
                        en.put("enforcementObjectId", renamed.get(en.getString("enforcementObjectId")));
                    }
                }
            }
            api.put("policies", new JsonArray().add(copy.getString("id")));
            return actions.compose(v -> store.put(AssetType.POLICIES, copy.getString("id"), copy));
        });
    }

    /** Applications consuming the old version consume the new one too. */
    private Future<Void> follow(String oldId, String newId) {
        return store.list(AssetType.APPLICATIONS).compose(apps -> {
            Future<Void> chain = Future.succeededFuture();
            for (JsonObject app : apps) {
                JsonArray consuming = app.getValue("consumingAPIs") instanceof JsonArray c ? c : null;
                if (consuming == null || !consuming.contains(oldId) || consuming.contains(newId)) continue;
                consuming.add(newId);
                chain = chain.compose(v -> store.put(AssetType.APPLICATIONS, app.getString("id"), app));
            }
            return chain;
        });
    }

    static long systemVersion(JsonObject api) {
        Long v = Lenient.integer(api.getValue("systemVersion"));
        return v == null ? 1 : v;
    }
}
