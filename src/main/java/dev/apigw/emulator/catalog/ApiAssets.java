package dev.apigw.emulator.catalog;

import dev.apigw.emulator.config.CompatConfig;
import dev.apigw.emulator.model.Docs;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.model.Timestamps;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.RoutingTarget;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What the APIs resource does to the store. Creating an API also creates its SERVICE policy ("Default Policy for
 * API ...") with a transport action and a straight-through routing action to the definition's server URL; the
 * actions and policy are written before the API, so a crash never leaves an API pointing at nothing.
 */
public final class ApiAssets {
    private final AssetStore store;
    private final CompatConfig compat;
    private final String owner;

    public ApiAssets(AssetStore store, CompatConfig compat, String owner) {
        this.store = store;
        this.compat = compat;
        this.owner = owner;
    }

    public Future<JsonObject> find(String id) {
        return store.get(AssetType.APIS, id).map(api -> {
            if (api == null) throw GatewayException.apiIdNotFound(id);
            return api;
        });
    }

    public Future<List<JsonObject>> all() {
        return store.list(AssetType.APIS);
    }

    /** Refuses a second API with the same name and version (other than {@code selfId}, the one being updated). */
    private Future<Void> checkUnique(ApiInput in, String selfId, String operation) {
        return all().map(apis -> {
            for (JsonObject a : apis) {
                if (in.apiName().equals(a.getValue("apiName")) && in.apiVersion().equals(a.getValue("apiVersion"))
                    && !Docs.text(a, "id", "").equals(selfId)) {
                    throw GatewayException.admin(400, "API_EXISTS", "Unable to process the " + operation + " API request. "
                        + "Reason: API with apiName " + in.apiName() + " and apiVersion " + in.apiVersion() + " already exists");
                }
            }
            return null;
        });
    }

    public Future<JsonObject> create(ApiInput in) {
        return checkUnique(in, null, "create").compose(unique -> {
            String apiId = UUID.randomUUID().toString();
            String policyId = UUID.randomUUID().toString();
            String transportId = UUID.randomUUID().toString();
            String routingId = UUID.randomUUID().toString();
            String endpoint = in.definition().serverUrl();
            JsonObject api = describe(new JsonObject(), in).put("id", apiId).put("isActive", false).put("type", "REST")
                .put("owner", owner).put("policies", new JsonArray().add(policyId)).put("scopes", new JsonArray())
                .put("publishedPortals", new JsonArray()).put("creationDate", Timestamps.now()).put("systemVersion", 1);
            return store.put(AssetType.POLICY_ACTIONS, transportId, PolicyActions.entryProtocol(transportId))
                .compose(v -> store.put(AssetType.POLICY_ACTIONS, routingId,
                    PolicyActions.routing(routingId, endpoint.isEmpty() ? "" : endpoint + RoutingTarget.RESOURCE_PATH)))
                .compose(v -> store.put(AssetType.POLICIES, policyId,
                    Policies.serviceDefault(policyId, in.apiName(), transportId, routingId)))
                .compose(v -> store.put(AssetType.APIS, apiId, api))
                .map(api);
        });
    }

    /** Name, version, description, definition and native endpoint from the input, onto an API document. */
    private static JsonObject describe(JsonObject api, ApiInput in) {
        String endpoint = in.definition().serverUrl();
        JsonArray native_ = new JsonArray();
        if (!endpoint.isEmpty()) {
            native_.add(new JsonObject().put("passSecurityHeaders", true).put("uri", endpoint)
                .put("connectionTimeoutDuration", 0).put("alias", false));
        }
        return api.put("apiName", in.apiName()).put("apiVersion", in.apiVersion())
            .put("apiDescription", in.apiDescription()).put("apiDefinition", in.definition().document())
            .put("nativeEndpoint", native_).put("lastModified", Timestamps.now());
    }

    /** Replaces the definition; a routing action still pointing at the old server URL follows the new one. */
    public Future<JsonObject> update(String id, ApiInput in) {
        return checkUnique(in, id, "update").compose(v -> find(id)).compose(api -> {
            String oldEndpoint = firstNativeEndpoint(api);
            describe(api, in).mergeIn(in.extras());
            String newEndpoint = in.definition().serverUrl();
            // a definition without a server URL leaves the routing where it was: there is nothing to point it at
            Future<Void> routing = oldEndpoint.equals(newEndpoint) || newEndpoint.isEmpty() ? Future.succeededFuture()
                : retargetDefaultRouting(api, oldEndpoint, newEndpoint);
            return routing.compose(v -> store.put(AssetType.APIS, id, api)).map(api);
        });
    }

    private Future<Void> retargetDefaultRouting(JsonObject api, String oldEndpoint, String newEndpoint) {
        if (!(api.getValue("policies") instanceof JsonArray ids) || ids.isEmpty() || !(ids.getValue(0) instanceof String pid)) {
            return Future.succeededFuture();
        }
        return store.get(AssetType.POLICIES, pid).compose(policy -> {
            if (policy == null) return Future.succeededFuture();
            List<String> routingIds = Policies.referencedActionIds(policy).isEmpty() ? List.of()
                : Policies.actionIds(policy, "routing");
            Future<Void> all = Future.succeededFuture();
            for (String rid : routingIds) {
                all = all.compose(v -> store.get(AssetType.POLICY_ACTIONS, rid)).compose(action -> {
                    if (action == null || !PolicyActions.ROUTING.equals(action.getValue("templateKey"))
                        || !(action.getValue("parameters") instanceof JsonArray)) {
                        return Future.succeededFuture();
                    }
                    JsonObject p = PolicyActions.parameter(action.getJsonArray("parameters"), "endpointUri");
                    String uri = p == null ? null : PolicyActions.value(action.getJsonArray("parameters"), "endpointUri", "");
                    // an empty endpoint is the placeholder of an API created without a server URL
                    if (p == null || !uri.isBlank() && !uri.equals(oldEndpoint + RoutingTarget.RESOURCE_PATH)) {
                        return Future.succeededFuture();
                    }
                    p.put("values", new JsonArray().add(newEndpoint + RoutingTarget.RESOURCE_PATH));
                    return store.put(AssetType.POLICY_ACTIONS, rid, action);
                });
            }
            return all;
        });
    }

    private static String firstNativeEndpoint(JsonObject api) {
        return api.getValue("nativeEndpoint") instanceof JsonArray eps && !eps.isEmpty()
            && eps.getValue(0) instanceof JsonObject ep ? Docs.text(ep, "uri", "") : "";
    }

    public Future<JsonObject> setActive(String id, boolean active) {
        return find(id).compose(api -> {
            if (Docs.flag(api, "isActive", false) == active) {
                String op = active ? "ACTIVATE" : "DEACTIVATE";
                throw GatewayException.admin(compat.repeatActivationStatus(), "ALREADY_" + op + "D",
                    "Cannot execute the operation " + op + " on the given ApiId " + id + ", because the API is already in the "
                        + (active ? "active" : "inactive") + " state.");
            }
            if (active && noResources(api)) {
                throw GatewayException.admin(400, "NO_RESOURCES", "API " + id + " cannot be activated because it has no "
                    + "resources or operations.");
            }
            api.put("isActive", active).put("lastModified", Timestamps.now());
            return store.put(AssetType.APIS, id, api).map(api);
        });
    }

    private static boolean noResources(JsonObject api) {
        return !(api.getValue("apiDefinition") instanceof JsonObject def && def.getValue("paths") instanceof JsonObject paths)
            || paths.isEmpty();
    }

    /** Deletes an inactive API with its SERVICE policy and that policy's actions. */
    public Future<Void> delete(String id) {
        return delete(id, false);
    }

    /** @param force also an active API ({@code ?forceDelete=true}) */
    public Future<Void> delete(String id, boolean force) {
        return find(id).compose(api -> {
            if (!force && Boolean.TRUE.equals(dev.apigw.emulator.model.Lenient.bool(api.getValue("isActive")))) {
                throw GatewayException.admin(400, "API_ACTIVE", "API " + id + " is in active state. Deactivate the API before deleting it.");
            }
            return store.delete(AssetType.APIS, id).compose(v -> deletePolicies(api)).mapEmpty();
        });
    }

    private Future<Void> deletePolicies(JsonObject api) {
        Future<Void> chain = Future.succeededFuture();
        JsonArray policies = api.getValue("policies") instanceof JsonArray ids ? ids : new JsonArray();
        for (Object pid : policies) {
            chain = chain.compose(v -> store.get(AssetType.POLICIES, pid.toString())).compose(policy -> {
                if (policy == null || Policies.isGlobal(policy)) return Future.<Void>succeededFuture();
                Future<Void> actions = Future.succeededFuture();
                for (String aid : Policies.referencedActionIds(policy)) {
                    actions = actions.compose(v -> store.delete(AssetType.POLICY_ACTIONS, aid).mapEmpty());
                }
                return actions.compose(v -> store.delete(AssetType.POLICIES, pid.toString()).mapEmpty());
            });
        }
        return chain;
    }
}
