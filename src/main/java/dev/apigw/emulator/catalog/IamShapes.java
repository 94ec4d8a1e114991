package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Shape checks of the identity and access assets as stored: users, groups, access profiles, OAuth2 strategies, gateway
 * scope mappings and packages. The admin resources check what the product requires of a request (mandatory fields,
 * its messages); these check that every field a reader of the stored document relies on has its JSON type (the
 * admin sign-in, the application index, the route compiler), whichever way the document came in.
 */
final class IamShapes {
    private IamShapes() {
    }

    static void user(JsonObject user) {
        Fields.text(user, "loginId", true);
        Fields.texts(user, "passwordHash", "firstName", "lastName", "type");
        Fields.bool(user, "active", "allowDigestAuth", "systemDefined");
        Fields.textArray(user, "groupIds", "emailAddresses");
    }

    /** A group ({@code userIds}) or an access profile ({@code groupIds}). */
    static void named(JsonObject doc, String members) {
        Fields.text(doc, "name", true);
        Fields.texts(doc, "description");
        Fields.bool(doc, "systemDefined");
        Fields.textArray(doc, members);
    }

    static void strategy(JsonObject strategy) {
        Fields.texts(strategy, "name", "description", "type", "authServerAlias");
        Object dcr = strategy.getValue("dcrConfig");
        if (dcr == null) return;
        if (!(dcr instanceof JsonObject d)) throw GatewayException.invalidPayload("'dcrConfig' must be an object");
        Fields.texts(d, "clientId", "clientSecret", "clientName");
        Fields.textArray(d, "scopes");
    }

    static void scopeMapping(JsonObject mapping) {
        Fields.text(mapping, "scopeName", true);
        Fields.texts(mapping, "scopeDescription", "audience");
        Fields.textArray(mapping, "apiScopes");
        Object required = mapping.getValue("requiredAuthScopes");
        if (required == null) return;
        if (!(required instanceof JsonArray arr) || arr.stream().anyMatch(o -> !(o instanceof JsonObject r)
            || !(r.getValue("authServerAlias") instanceof String) || !(r.getValue("scopeName") instanceof String))) {
            throw GatewayException.invalidPayload("requiredAuthScopes must be an array of {authServerAlias, scopeName}");
        }
    }

    static void pkg(JsonObject pkg) {
        Fields.text(pkg, "name", true);
        Fields.texts(pkg, "description", "id");
        Fields.textArray(pkg, "apiIds", "planIds", "publishedPortals");
    }
}
