package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users and OAuth2 strategies between the stored shape and the archive's. Their secrets never appear in the archive
 * document (masked, 32 {@code *}, as the product masks every secret): they travel sealed in PassmanData, a user's
 * password hash as {@code USER_PASSWORD<userId>}, a strategy's client secret as {@code <clientId>-clientSecret} (the
 * product's key) and a JWT/HSA strategy's shared {@code secret} as {@code STRATEGY_SECRET<strategyId>}.
 */
final class PrincipalDocs {
    static final String USER_PASSWORD = "USER_PASSWORD";
    static final String CLIENT_SECRET = "-clientSecret";
    static final String STRATEGY_SECRET = "STRATEGY_SECRET";
    /** The stored user's PBKDF2 hash (written by the admin API; never shown). */
    static final String HASH = "passwordHash";

    private PrincipalDocs() {
    }

    static JsonObject exportUser(JsonObject stored) {
        JsonObject out = stored.copy();
        out.remove(HASH);
        out.remove("password");
        return out;
    }

    /** The secrets of a stored user or strategy, by PassmanData key (empty when it has none). */
    static Map<String, String> secrets(String type, JsonObject stored) {
        Map<String, String> out = new LinkedHashMap<>();
        String id = stored.getString("id");
        if (type.equals("User")) {
            if (stored.getValue(HASH) instanceof String h && !h.isBlank()) out.put(USER_PASSWORD + id, h);
            return out;
        }
        JsonObject dcr = stored.getValue("dcrConfig") instanceof JsonObject d ? d : new JsonObject();
        if (dcr.getValue("clientSecret") instanceof String s && !ArchiveSecrets.masked(s) && dcr.getValue("clientId") instanceof String c) {
            out.put(c + CLIENT_SECRET, s);
        }
        if (stored.getValue("secret") instanceof String s && !ArchiveSecrets.masked(s)) out.put(STRATEGY_SECRET + id, s);
        return out;
    }

    static JsonObject exportStrategy(JsonObject stored) {
        JsonObject out = stored.copy();
        if (out.getValue("dcrConfig") instanceof JsonObject dcr && dcr.containsKey("clientSecret")) {
            dcr.put("clientSecret", ArchiveSecrets.MASK);
        }
        if (out.getValue("secret") instanceof String s && !s.isEmpty()) out.put("secret", ArchiveSecrets.MASK);
        return out;
    }

    /** The stored shape of an archive user, with the hash given (null = cannot sign in until a password is set). */
    static JsonObject storedUser(JsonObject doc, String id, String hash) {
        JsonObject out = doc.copy();
        out.remove("_docType");
        out.remove("password");
        out.remove("hashedPassword"); // the product's {sha-256_v2} hash cannot be verified here
        return out.put("id", id).put(HASH, hash).put("systemDefined", false);
    }

    /**
     * The stored shape of an archive strategy with its secrets restored: {@code clientSecret} and {@code secret} when
     * known, else the ones given as fallbacks (this gateway's current ones, or new ones the caller made).
     */
    static JsonObject storedStrategy(JsonObject doc, String id, String clientSecret, String secret) {
        JsonObject out = doc.copy();
        out.remove("_docType");
        out.put("id", id);
        if (out.getValue("dcrConfig") instanceof JsonObject dcr && dcr.containsKey("clientSecret")) dcr.put("clientSecret", clientSecret);
        if (out.getValue("secret") instanceof String s && !s.isEmpty()) out.put("secret", secret);
        return out;
    }

    static String clientId(JsonObject strategy) {
        return strategy.getValue("dcrConfig") instanceof JsonObject dcr && dcr.getValue("clientId") instanceof String c ? c : null;
    }
}
