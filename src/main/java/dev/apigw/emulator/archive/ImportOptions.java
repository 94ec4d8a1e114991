package dev.apigw.emulator.archive;

import dev.apigw.emulator.store.AssetType;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How an import treats what already exists: the kinds it may overwrite (the product's {@code overwrite} values,
 * parsed leniently: unknown values are ignored, as real clients send values from several product versions), whether
 * an overwritten application's API key and OAuth2 credentials are replaced too, whether imported APIs keep their
 * activation state, and the passphrase for the archive's sealed secrets (null = {@code archive.passphrase}).
 */
public record ImportOptions(Set<AssetType> overwrite, boolean overwriteApiKeys, boolean overwriteCredentials,
                            boolean preserveAssetState, String passphrase) {

    public ImportOptions {
        overwrite = Set.copyOf(overwrite);
    }

    /** Everything overwritten, states kept: what a migration's reindex does. */
    public static ImportOptions overwriteAll(String passphrase) {
        return new ImportOptions(EnumSet.allOf(AssetType.class), true, true, true, passphrase);
    }

    /**
     * From the query: {@code overwrite} values (comma lists or repeated; {@code *} and {@code true} = all;
     * {@code application_apiKeys} and {@code application_strategy_credentials} only count with {@code applications},
     * as in the product) and {@code preserveAssetState} (true unless {@code false}).
     */
    public static ImportOptions parse(List<String> overwrite, String preserveAssetState, String passphrase) {
        Set<AssetType> types = EnumSet.noneOf(AssetType.class);
        boolean keys = false;
        boolean credentials = false;
        for (String value : overwrite) {
            for (String raw : value.split(",")) {
                String v = raw.trim().toLowerCase(Locale.ROOT);
                if (v.equals("*") || v.equals("true")) return new ImportOptions(EnumSet.allOf(AssetType.class), true, true,
                    !"false".equalsIgnoreCase(preserveAssetState), passphrase);
                AssetType t = kind(v);
                if (t != null) types.add(t);
                keys |= v.equals("application_apikeys");
                credentials |= v.equals("application_strategies") || v.equals("application_strategy_credentials");
            }
        }
        boolean apps = types.contains(AssetType.APPLICATIONS);
        return new ImportOptions(types, apps && keys, apps && credentials, !"false".equalsIgnoreCase(preserveAssetState), passphrase);
    }

    private static AssetType kind(String value) {
        return switch (value) {
            case "apis" -> AssetType.APIS;
            case "policies" -> AssetType.POLICIES;
            case "policyactions" -> AssetType.POLICY_ACTIONS;
            case "applications", "applications_base" -> AssetType.APPLICATIONS;
            case "aliases" -> AssetType.ALIASES;
            case "plans" -> AssetType.PLANS;
            case "packages" -> AssetType.PACKAGES;
            case "administrator_settings", "configurations" -> AssetType.SETTINGS;
            case "users" -> AssetType.USERS;
            case "groups" -> AssetType.GROUPS;
            case "accessprofiles" -> AssetType.ACCESS_PROFILES;
            case "gatewayscopes" -> AssetType.GATEWAY_SCOPES;
            case "strategies", "application_strategies" -> AssetType.STRATEGIES;
            default -> null;
        };
    }

    public boolean overwrites(AssetType type) {
        return overwrite.contains(type);
    }
}
