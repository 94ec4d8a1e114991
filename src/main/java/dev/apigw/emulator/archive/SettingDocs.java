package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonObject;

/**
 * Settings between the store ({@code settings} documents keyed by id) and the archive's
 * {@code AdministratorSetting.<configId>} entries, {@code {"configId","internalPorts":{},"properties":{...}}}:
 * the properties are the stored document without its id, except the extended settings, which the product calls
 * {@code extended} and the store keeps as {@code extendedSettings.extendedKeys}. The JWT signing key's private key
 * is a secret: masked in the entry, sealed in {@code PassmanData.JWT_SIGNING_KEY}, and not exported at all without
 * a passphrase.
 */
final class SettingDocs {
    static final String EXTENDED_ID = "extendedSettings";
    static final String EXTENDED_CONFIG = "extended";
    static final String JWT_ID = "jwtSigningKey";
    static final String JWT_SECRET = "JWT_SIGNING_KEY";
    private static final String PRIVATE_KEY = "privateKey";

    private SettingDocs() {
    }

    static String configId(String storedId) {
        return EXTENDED_ID.equals(storedId) ? EXTENDED_CONFIG : storedId;
    }

    static String storedId(String configId) {
        return EXTENDED_CONFIG.equals(configId) ? EXTENDED_ID : configId;
    }

    /** The archive entry of a stored setting. */
    static JsonObject export(JsonObject stored) {
        String id = stored.getString("id");
        JsonObject properties;
        if (EXTENDED_ID.equals(id)) {
            properties = stored.getJsonObject("extendedKeys", new JsonObject()).copy();
        } else {
            properties = stored.copy();
            properties.remove("id");
            if (properties.containsKey(PRIVATE_KEY)) properties.put(PRIVATE_KEY, ArchiveSecrets.MASK);
        }
        return new JsonObject().put("configId", configId(id)).put("internalPorts", new JsonObject()).put("properties", properties);
    }

    static boolean secret(JsonObject stored) {
        return JWT_ID.equals(stored.getString("id"));
    }

    static String privateKey(JsonObject stored) {
        return stored.getString(PRIVATE_KEY);
    }

    /**
     * The stored document of an archive entry, or null when it cannot be restored (the JWT key without its secret).
     * The properties of a real product's entry are kept as they are (nothing reads them but the export).
     */
    static JsonObject stored(JsonObject entry, String configId, String privateKey) {
        JsonObject properties = entry.getValue("properties") instanceof JsonObject p ? p.copy() : new JsonObject();
        String id = storedId(configId);
        if (EXTENDED_ID.equals(id)) return new JsonObject().put("id", id).put("extendedKeys", properties);
        if (JWT_ID.equals(id)) {
            if (privateKey == null) return null;
            properties.put(PRIVATE_KEY, privateKey);
        }
        return properties.put("id", id);
    }
}
