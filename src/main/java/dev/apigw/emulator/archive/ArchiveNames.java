package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The display names the product gives assets in the manifest, the export report and the import log:
 * {@code <apiName>[<apiVersion>]}, {@code Policy For API <apiName>[<apiVersion>]} (an API's policy),
 * {@code <name>[Global Policy]}, {@code Policy Action [<action>] -> <policy>}, {@code RegisteredApplication [ <app> ]}.
 */
final class ArchiveNames {
    private ArchiveNames() {
    }

    static String api(JsonObject api) {
        return api.getString("apiName", api.getString("id")) + "[" + api.getString("apiVersion", "") + "]";
    }

    /** An API's policy is named after the API; a global or free-standing one by its own name. */
    static String policy(JsonObject policy, JsonObject owner) {
        if (owner != null && "SERVICE".equalsIgnoreCase(policy.getString("policyScope", "SERVICE"))) {
            return "Policy For API " + api(owner);
        }
        String name = first(policy, policy.getString("id"));
        return "GLOBAL".equalsIgnoreCase(policy.getString("policyScope", "")) ? name + "[Global Policy]" : name;
    }

    static String action(JsonObject action, String policyName) {
        String name = "Policy Action [" + first(action, action.getString("templateKey", action.getString("id"))) + "]";
        return policyName == null ? name : name + " -> " + policyName;
    }

    static String registered(String appName) {
        return "RegisteredApplication [ " + appName + " ]";
    }

    static String named(JsonObject asset) {
        Object name = asset.getValue("name");
        return name instanceof String s ? s : asset.getString("id", "");
    }

    /** The first {@code names[].value}, or the fallback. */
    static String first(JsonObject asset, String fallback) {
        if (asset.getValue("names") instanceof JsonArray names && !names.isEmpty()
            && names.getValue(0) instanceof JsonObject n && n.getValue("value") instanceof String v && !v.isBlank()) {
            return v;
        }
        return fallback;
    }
}
