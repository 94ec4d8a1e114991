package dev.apigw.emulator.store;

/**
 * The kinds of design-time asset the store keeps; {@code key} names their folder (embedded) or hash (Redis). Aliases
 * and packages are kept as imported (archives, migration) and exported again; the emulator does not enforce them.
 */
public enum AssetType {
    APIS("apis"),
    POLICIES("policies"),
    POLICY_ACTIONS("policyActions"),
    APPLICATIONS("applications"),
    WEBHOOKS("webhooks"),
    SETTINGS("settings"),
    PLANS("plans"),
    PACKAGES("packages"),
    ALIASES("aliases"),
    STRATEGIES("strategies"),
    GATEWAY_SCOPES("gatewayScopes"),
    USERS("users"),
    GROUPS("groups"),
    ACCESS_PROFILES("accessProfiles"),
    /** Promotion targets: other gateways' URLs and credentials. */
    STAGES("stages"),
    /** Promotions made from this gateway, with what their rollback restores. */
    PROMOTIONS("promotions");

    private final String key;

    AssetType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static AssetType fromKey(String key) {
        for (AssetType t : values()) {
            if (t.key.equals(key)) return t;
        }
        return null;
    }
}
