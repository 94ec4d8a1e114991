package dev.apigw.emulator.iam;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The users, groups and access profiles ("teams") every gateway has. The administrator is the configured bootstrap
 * account (its password is the configuration's, never stored); the system groups and the Administrators profile
 * can be edited (members) but not deleted.
 */
public final class BuiltInPrincipals {
    public static final String ADMINISTRATORS = "Administrators";
    private static final List<String> GROUPS = List.of(ADMINISTRATORS, "API-Gateway-Administrators",
        "API-Gateway-Providers", "Anonymous", "Developers", "Everybody", "Replicators");

    private BuiltInPrincipals() {
    }

    public static JsonObject administrator(String login) {
        return new JsonObject().put("id", login).put("loginId", login).put("firstName", login).put("lastName", "")
            .put("type", "local").put("allowDigestAuth", false).put("active", true).put("systemDefined", true)
            .put("language", "en").put("emailAddresses", new JsonArray())
            .put("groupIds", new JsonArray().add(ADMINISTRATORS).add("API-Gateway-Administrators"));
    }

    public static List<JsonObject> groups(String adminLogin) {
        return GROUPS.stream().map(g -> new JsonObject().put("id", g).put("name", g)
            .put("description", "Users added to this group are members of the system group " + g + ".")
            .put("type", "local").put("systemDefined", true)
            .put("userIds", g.equals(ADMINISTRATORS) || g.equals("API-Gateway-Administrators")
                ? new JsonArray().add(adminLogin) : new JsonArray())).toList();
    }

    public static List<JsonObject> accessProfiles() {
        return List.of(new JsonObject().put("id", ADMINISTRATORS).put("name", ADMINISTRATORS)
            .put("description", "Groups associated to this team are allowed to manage every asset.")
            .put("systemDefined", true).put("privilege", "1".repeat(40))
            .put("groupIds", new JsonArray().add(ADMINISTRATORS).add("API-Gateway-Administrators"))
            .put("teamAdmin", new JsonObject().put("userIds", new JsonArray()).put("groupIds", new JsonArray())));
    }
}
