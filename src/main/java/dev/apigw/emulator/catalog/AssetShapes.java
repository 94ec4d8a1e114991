package dev.apigw.emulator.catalog;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Type checks of asset documents before they are stored, by an admin write or an archive import or migration. Everything read later by the route compiler
 * or the resources (arrays, booleans, ids) must have its JSON type, or a stored document would turn every later read
 * into a 500 (a JSON accessor's ClassCastException). Unknown fields are kept, so vendor exports round-trip.
 */
public final class AssetShapes {
    /** The product's policy scopes: API policies, global ones, templates, and the policies of an API scope. */
    public static final java.util.List<String> SCOPES = java.util.List.of("SERVICE", "GLOBAL", "TEMPLATE", "SCOPE");

    private AssetShapes() {
    }

    /** An API document as stored: a name, and every field the route compiler or resources read of its JSON type. */
    public static void checkApi(JsonObject api) {
        requireText(api, "apiName");
        checkTypes(api, String.class, "apiVersion", "type", "apiDescription");
        checkBooleans(api, "isActive");
        checkTypes(api, JsonObject.class, "apiDefinition");
        checkTypes(api, JsonArray.class, "nativeEndpoint", "scopes");
        checkStrings(api, "policies");
        for (Object s : api.getJsonArray("scopes", new JsonArray())) {
            if (!(s instanceof JsonObject scope)) throw GatewayException.invalidPayload("every entry of 'scopes' must be an object");
            checkStrings(scope, "policies");
        }
    }

    /** An application as stored: a name, identifiers as objects, registered API ids as strings. */
    public static void checkApplication(JsonObject app) {
        requireText(app, "name");
        checkTypes(app, JsonArray.class, "identifiers");
        checkTypes(app, JsonObject.class, "accessTokens");
        checkStrings(app, "consumingAPIs");
        for (Object i : app.getJsonArray("identifiers", new JsonArray())) {
            if (!(i instanceof JsonObject)) throw GatewayException.invalidPayload("every identifier must be an object");
        }
    }

    /** A plan: a name, its rate-limit policies as ids, its quota as an object. */
    public static void checkPlan(JsonObject plan) {
        requireText(plan, "name");
        checkStrings(plan, "policies");
        checkTypes(plan, JsonObject.class, "quota");
    }

    /** An alias or a package, kept as imported: an id or a name that says which one it is. */
    public static void checkNamed(JsonObject asset) {
        checkTypes(asset, String.class, "name", "type");
        if (!(asset.getValue("id") instanceof String) && !(asset.getValue("name") instanceof String)) {
            throw GatewayException.invalidPayload("an alias or package needs an id or a name");
        }
    }

    /** A webhook: the events it wants (strings) and a config with the URL to call. */
    public static void checkWebhook(JsonObject hook) {
        checkStrings(hook, "events");
        if (!(hook.getValue("config") instanceof JsonObject config) || !(config.getValue("url") instanceof String)) {
            throw GatewayException.invalidPayload("a webhook needs config.url");
        }
        checkBooleans(hook, "active");
    }

    private static void requireText(JsonObject asset, String key) {
        if (!(asset.getValue(key) instanceof String v) || v.isBlank()) {
            throw GatewayException.invalidPayload("the mandatory field " + key + " is missing");
        }
    }

    private static void checkTypes(JsonObject asset, Class<?> type, String... keys) {
        for (String k : keys) {
            Object v = asset.getValue(k);
            if (v != null && !type.isInstance(v)) {
                throw GatewayException.invalidPayload("'" + k + "' must be " + (type == String.class ? "a string"
                    : type == JsonArray.class ? "an array" : "an object"));
            }
        }
    }

    private static void checkStrings(JsonObject asset, String key) {
        Object v = asset.getValue(key);
        if (v == null) return;
        if (!(v instanceof JsonArray arr) || arr.stream().anyMatch(o -> !(o instanceof String))) {
            throw GatewayException.invalidPayload("'" + key + "' must be an array of ids");
        }
    }

    /** A policy: {@code names} or {@code policyEnforcements} present, every known field of its JSON type. */
    public static void checkPolicy(JsonObject policy) {
        if (!policy.containsKey("names") && !policy.containsKey("policyEnforcements")) {
            throw GatewayException.invalidPayload("a policy needs names or policyEnforcements");
        }
        checkNames(policy);
        checkNames(policy, "descriptions");
        checkBooleans(policy, "global", "active", "systemPolicy");
        Object scope = policy.getValue("policyScope");
        if (scope != null && !(scope instanceof String s && SCOPES.contains(s.toUpperCase(Locale.ROOT)))) {
            throw GatewayException.invalidPayload("'policyScope' must be one of " + SCOPES);
        }
        Object enf = policy.getValue("policyEnforcements");
        if (enf != null && !(enf instanceof JsonArray)) throw GatewayException.invalidPayload("'policyEnforcements' must be an array");
        if (enf == null) return;
        for (Object s : (JsonArray) enf) {
            if (!(s instanceof JsonObject st) || !(st.getValue("stageKey") instanceof String)
                || st.getValue("enforcements") != null && !(st.getValue("enforcements") instanceof JsonArray)) {
                throw GatewayException.invalidPayload("every policyEnforcements entry needs a stageKey and an enforcements array");
            }
            JsonArray enforcements = st.getValue("enforcements") instanceof JsonArray a ? a : new JsonArray();
            for (Object e : enforcements) {
                if (!(e instanceof JsonObject en) || !(en.getValue("enforcementObjectId") instanceof String)) {
                    throw GatewayException.invalidPayload("every enforcement needs an enforcementObjectId (a policy action id)");
                }
            }
        }
    }

    /** A policy action: a templateKey, and parameters that are {templateKey, values[]} or {templateKey, parameters[]}. */
    public static void checkAction(JsonObject action) {
        if (!(action.getValue("templateKey") instanceof String key) || key.isBlank()) {
            throw GatewayException.admin(400, "INVALID_PAYLOAD", "Unable to create the resource. Error in processing the "
                + "payload. Error Message: the mandatory field templateKey is missing. Check the correctness of key and payload.");
        }
        checkNames(action);
        checkBooleans(action, "active");
        checkParameters(action.getValue("parameters"));
    }

    private static void checkParameters(Object params) {
        if (params == null) return;
        if (!(params instanceof JsonArray arr)) {
            throw GatewayException.invalidPayload("'parameters' must be an array of {templateKey, values} objects");
        }
        for (Object p : arr) {
            if (!(p instanceof JsonObject po) || !(po.getValue("templateKey") instanceof String)) {
                throw GatewayException.invalidPayload("every parameter needs a templateKey");
            }
            if (po.getValue("values") != null && !(po.getValue("values") instanceof JsonArray)) {
                throw GatewayException.invalidPayload("'values' of parameter " + po.getString("templateKey") + " must be an array");
            }
            checkParameters(po.getValue("parameters"));
        }
    }

    private static void checkNames(JsonObject asset) {
        checkNames(asset, "names");
    }

    private static void checkNames(JsonObject asset, String key) {
        Object names = asset.getValue(key);
        if (names == null) return;
        if (!(names instanceof JsonArray arr) || arr.stream().anyMatch(n -> !(n instanceof JsonObject))) {
            throw GatewayException.invalidPayload("'" + key + "' must be an array of {value, locale} objects");
        }
    }

    /** Booleans may arrive as strings ("false"), as the product accepts; they are stored as booleans. */
    private static void checkBooleans(JsonObject asset, String... keys) {
        String bad = Lenient.normaliseBooleans(asset, keys);
        if (bad != null) throw GatewayException.invalidPayload("'" + bad + "' must be true or false");
    }
}
