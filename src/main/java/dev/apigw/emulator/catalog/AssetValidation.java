package dev.apigw.emulator.catalog;

import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.PolicyFactory;
import dev.apigw.emulator.runtime.RoutingTarget;
import dev.apigw.emulator.store.AssetType;
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
     * @return the document, unchanged
     * @throws GatewayException 400 (INVALID_PAYLOAD) with a message naming the field and what it must be
     */
    public JsonObject check(AssetType type, JsonObject document) {
        JsonLimits.checkDepth(document, maxDepth);
        switch (type) {
            case APIS -> ApiShapes.check(document);
            case POLICIES -> AssetShapes.checkPolicy(document);
            case POLICY_ACTIONS -> checkAction(document);
            case APPLICATIONS -> ApplicationShapes.check(document);
            case PLANS -> PlanShapes.check(document);
            case WEBHOOKS -> WebhookShapes.check(document);
            case SETTINGS -> SettingsShapes.check(document);
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
            if (key.equals(PolicyActions.ROUTING)) {
                var params = action.getJsonArray("parameters");
                RoutingTarget.parse(PolicyActions.value(params, "endpointUri", null), PolicyActions.value(params, "method", "CUSTOM"));
            }
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
}
