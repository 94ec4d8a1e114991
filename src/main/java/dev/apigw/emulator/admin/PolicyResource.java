package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Docs;
import dev.apigw.emulator.model.Names;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /rest/apigateway/policies}: CRUD in the {@code {"policy":...}} wrapper, activation of GLOBAL policies, and
 * the fixed list of policy stages. Every policy action a policy enforces must exist.
 */
final class PolicyResource {
    private final AssetStore store;
    private final AssetValidation validation;

    PolicyResource(AssetStore store, AssetValidation validation) {
        this.store = store;
        this.validation = validation;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/policies").handler(this::list);
        router.post(base + "/policies").handler(this::create);
        router.get(base + "/policies/:id").handler(this::get);
        router.put(base + "/policies/:id").handler(this::update);
        router.delete(base + "/policies/:id").handler(this::delete);
        router.put(base + "/policies/:id/activate").handler(ctx -> setActive(ctx, true));
        router.put(base + "/policies/:id/deactivate").handler(ctx -> setActive(ctx, false));
        router.get(base + "/policyStages").handler(this::stages);
    }

    private void list(RoutingContext ctx) {
        List<String> ids = Bodies.ids(ctx, "policyIds");
        String type = ctx.queryParams().get("policyType");
        store.list(AssetType.POLICIES).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.stream().filter(p -> ids.isEmpty() || ids.contains(p.getValue("id")))
                .filter(p -> !"global".equalsIgnoreCase(type) || Policies.isGlobal(p)).forEach(out::add);
            Bodies.ok(ctx, 200, new JsonObject().put("policy", out));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject policy = shaped(Bodies.unwrap(Bodies.json(ctx), "policy"));
        String id = ClientIds.take(policy);
        policy.put("id", id);
        store.get(AssetType.POLICIES, id).compose(existing -> {
            if (existing != null) throw GatewayException.admin(400, "POLICY_EXISTS", "Policy with id " + id + " already exists.");
            return checkActions(policy);
        }).compose(v -> store.put(AssetType.POLICIES, id, policy))
            .onSuccess(v -> Bodies.ok(ctx, 201, new JsonObject().put("policy", policy))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        find(ctx.pathParam("id")).onSuccess(p -> Bodies.ok(ctx, 200, new JsonObject().put("policy", p))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject body = Bodies.json(ctx);
        find(id).compose(existing -> {
            JsonObject policy = shaped(Bodies.unwrap(body, "policy")).put("id", id);
            // activation goes through /activate; a PUT keeps the current state
            policy.put("active", Docs.flag(existing, "active", false));
            return checkActions(policy).compose(v -> store.put(AssetType.POLICIES, id, policy)).map(policy);
        }).onSuccess(policy -> Bodies.ok(ctx, 200, new JsonObject().put("policy", policy))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        find(id).compose(policy -> {
            if (Policies.isGlobal(policy) && Docs.flag(policy, "active", false)) {
                throw GatewayException.admin(400, "POLICY_ACTIVE", "Policy [" + Names.first(policy, id) + "] is in active state,"
                    + " hence cannot be deleted. Please deactivate the policy to delete");
            }
            return usedByApi(id).compose(used -> {
                if (used) throw GatewayException.admin(400, "POLICY_IN_USE", "Policy [" + Names.first(policy, id)
                    + "] is the policy of an API and is deleted with that API");
                Future<Void> chain = Future.succeededFuture();
                for (String aid : Policies.referencedActionIds(policy)) {
                    chain = chain.compose(v -> store.delete(AssetType.POLICY_ACTIONS, aid).mapEmpty());
                }
                return chain.compose(v -> store.delete(AssetType.POLICIES, id));
            });
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private Future<Boolean> usedByApi(String policyId) {
        return store.list(AssetType.APIS).map(apis -> apis.stream()
            .anyMatch(a -> a.getValue("policies") instanceof JsonArray ids && ids.contains(policyId)));
    }

    private void setActive(RoutingContext ctx, boolean active) {
        String id = ctx.pathParam("id");
        find(id).compose(policy -> {
            String name = Names.first(policy, id);
            if (!Policies.isGlobal(policy)) {
                throw GatewayException.admin(400, "NOT_GLOBAL", "Policy [" + name + "] is not a global policy. Cannot be activated/deactivated.");
            }
            if (Docs.flag(policy, "active", false) == active) {
                throw GatewayException.admin(400, "ALREADY_" + (active ? "ACTIVE" : "INACTIVE"),
                    "Policy [" + name + "] is already " + (active ? "active" : "inactive") + ".");
            }
            policy.put("active", active);
            return store.put(AssetType.POLICIES, id, policy).map(policy);
        }).onSuccess(p -> Bodies.ok(ctx, 200, new JsonObject().put("policy", p))).onFailure(ctx::fail);
    }

    private Future<JsonObject> find(String id) {
        return store.get(AssetType.POLICIES, id).map(p -> {
            if (p == null) throw GatewayException.notFound(id);
            return p;
        });
    }

    /** Refuses a policy that enforces an action that does not exist. */
    private Future<Void> checkActions(JsonObject policy) {
        return store.list(AssetType.POLICY_ACTIONS).map(actions -> {
            for (String aid : Policies.allActionIds(policy)) {
                if (actions.stream().noneMatch(a -> aid.equals(a.getValue("id")))) {
                    throw GatewayException.admin(400, "UNKNOWN_POLICY_ACTION", "Unable to create the resource. Policy action "
                        + aid + " referred to in policyEnforcements does not exist.");
                }
            }
            return null;
        });
    }

    private JsonObject shaped(JsonObject policy) {
        validation.check(AssetType.POLICIES, policy);
        String scope = policy.getString("policyScope", policy.getBoolean("global", false) ? "GLOBAL" : "SERVICE").toUpperCase();
        policy.put("policyScope", scope).put("global", scope.equals("GLOBAL"));
        // absent and explicitly null read the same
        if (policy.getValue("policyEnforcements") == null) policy.put("policyEnforcements", new JsonArray());
        if (policy.getValue("descriptions") == null) policy.put("descriptions", new JsonArray());
        if (policy.getValue("active") == null) policy.put("active", false);
        if (policy.getValue("systemPolicy") == null) policy.put("systemPolicy", false);
        return policy;
    }

    private void stages(RoutingContext ctx) {
        JsonArray stages = new JsonArray();
        for (String key : Policies.STAGE_ORDER) stages.add(new JsonObject().put("stageKey", key).put("names", Names.of(key, "en")));
        Bodies.ok(ctx, 200, new JsonObject().put("stages", stages));
    }
}
