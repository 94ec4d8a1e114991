package dev.apigw.emulator.config;

/**
 * Choices where sources about the real product disagree.
 *
 * @param repeatActivationStatus status of activating an active API (or deactivating an inactive one)
 * @param upperCaseSearchKeys {@code /search} results keyed by upper-case type ({@code "API"}, as the swagger example
 *                            shows) instead of lower case ({@code "api"}, as real clients read them)
 */
public record CompatConfig(int repeatActivationStatus, boolean upperCaseSearchKeys) {
    public CompatConfig {
        if (repeatActivationStatus != 400 && repeatActivationStatus != 500) {
            throw new ConfigException("compat.repeatActivationStatus", "must be 400 or 500, was " + repeatActivationStatus);
        }
    }

    /** Before the search-key choice existed. */
    public CompatConfig(int repeatActivationStatus) {
        this(repeatActivationStatus, false);
    }

    static CompatConfig from(ConfigReader r) {
        String keys = r.string("searchResultKeys").trim().toLowerCase();
        if (!keys.equals("lower") && !keys.equals("upper")) {
            throw new ConfigException(r.path("searchResultKeys"), "must be lower or upper, was '" + keys + "'");
        }
        return new CompatConfig(r.integer("repeatActivationStatus", 100, 599), keys.equals("upper"));
    }
}
