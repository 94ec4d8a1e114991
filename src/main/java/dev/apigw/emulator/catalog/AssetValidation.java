package dev.apigw.emulator.catalog;

import dev.apigw.emulator.alias.AliasShapes;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.PolicyFactory;
import dev.apigw.emulator.runtime.RoutingTarget;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validate on write: the one check every asset passes before it is stored, whether it comes from an admin POST, PUT
 * or PATCH or from an archive import. Shape (every field the node reads later has its JSON type), nesting depth, and
 * for policy actions meaning: the factory that enforces the action's templateKey must accept it (numbers, enums),
 * so an API is never silently dropped from routing by an action it was given. Unknown fields and unknown templateKeys
 * are kept, so vendor exports round-trip. Stateless and thread-safe.
 */
public final class AssetValidation {
    private final Map<String, PolicyFactory> factories = new HashMap<>();
    private final int maxDepth;

    /** @param factories the enforced policy actions, whose write-time checks apply */
    public AssetValidation(List<PolicyFactory> factories, int maxDepth) {
        for (PolicyFactory f : factories) this.factories.put(f.templateKey(), f);
        this.maxDepth = maxDepth;
    }

    /**
     * Checks a document about to be stored as {@code type}.
     *
     * @return the document; booleans and numbers sent as text are stored as their values (lenient input)
     * @throws GatewayException 400 (INVALID_PAYLOAD) with a message naming the field and what it must be
     */
    public JsonObject check(AssetType type, JsonObject document) {
        JsonLimits.checkDepth(document, maxDepth);
        switch (type) {
            case APIS -> {
                AssetShapes.checkApi(document); // normalises lenient input ("true") before the stricter check
                ApiShapes.check(document);
            }
            case POLICIES -> AssetShapes.checkPolicy(document);
            case POLICY_ACTIONS -> checkAction(document);
            case APPLICATIONS -> {
                AssetShapes.checkApplication(document);
                ApplicationShapes.check(document);
            }
            case PLANS -> {
                AssetShapes.checkPlan(document);
                PlanShapes.check(document);
            }
            case WEBHOOKS -> WebhookShapes.check(document);
            case SETTINGS -> SettingsShapes.check(document);
            case ALIASES -> AliasShapes.check(document);
            case PACKAGES -> IamShapes.pkg(document);
            case STRATEGIES -> IamShapes.strategy(document);
            case GATEWAY_SCOPES -> IamShapes.scopeMapping(document);
            case USERS -> IamShapes.user(document);
            case GROUPS -> IamShapes.named(document, "userIds");
            case ACCESS_PROFILES -> IamShapes.named(document, "groupIds");
        }
        return document;
    }

    public int maxDepth() {
        return maxDepth;
    }

    private void checkAction(JsonObject action) {
        AssetShapes.checkAction(action);
        String key = action.getString("templateKey");
        try {
            if (key.equals(PolicyActions.ROUTING)) checkRouting(action.getJsonArray("parameters"));
            PolicyFactory factory = factories.get(key);
            if (factory != null) factory.validate(action);
        } catch (GatewayException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidPayload("policy action " + key + " cannot be enforced: " + e.getMessage());
        } catch (RuntimeException e) { // a parameter of the wrong JSON type (or null) where the policy reads it
            throw GatewayException.invalidPayload("policy action " + key + " cannot be enforced: a parameter has the "
                + "wrong JSON type or is null");
        }
    }

    /** An endpoint may be built from aliases ({@code ${Alias}/${sys:resource_path}}): they resolve when routes compile. */
    private static void checkRouting(JsonArray params) {
        String uri = PolicyActions.value(params, "endpointUri", null);
        if (uri != null) uri = uri.replaceFirst("^\\$\\{[^}:]+}", "http://alias.invalid").replaceAll("\\$\\{[^}:]+}", "alias");
        RoutingTarget.parse(uri, PolicyActions.value(params, "method", "CUSTOM"));
    }
}
