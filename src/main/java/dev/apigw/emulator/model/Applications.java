package dev.apigw.emulator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Reading and building application documents: {@code {"id","name","description","version","identifiers":[{id,name,
 * key,value[]}],"consumingAPIs":[apiId],"isSuspended","created","owner","accessTokens":{"apiAccessKey_credentials":
 * {"apiAccessKey",...},"oauth_credentials":{"clientID","clientSecret",...}}}}. The stored document never holds the
 * client secret, only {@code oauth_credentials.clientSecretHash} (SHA-256 hex of the 256-bit random secret).
 */
public final class Applications {
    public static final String SECRET_HASH = "clientSecretHash";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Applications() {
    }

    /** 64 hex characters of fresh randomness (256 bits): API keys, client secrets. */
    public static String randomHex() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of a high-entropy secret, hex. Enough for 256-bit random values (no dictionary to guess from). */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** One digest per thread: hashing runs on the hot path (every bearer token), and digests are not thread-safe. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    });

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean secretMatches(String presented, String storedHash) {
        if (presented == null || storedHash == null) return false;
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
            storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static JsonObject apiKeyCredentials(String key) {
        return new JsonObject().put("apiAccessKey", key).putNull("expirationInterval").putNull("expirationDate")
            .put("expired", false);
    }

    /** Fresh OAuth2 credentials; the returned object holds the plain secret, for the create response only. */
    public static JsonObject oauthCredentials(String appName, String secret) {
        return new JsonObject().put("clientID", UUID.randomUUID().toString()).put("clientSecret", secret)
            .put("clientName", appName).put("scopes", new JsonArray()).putNull("token_lifetime")
            .putNull("token_refresh_limit").put("redirect_uris", new JsonArray()).put("Type", "confidential");
    }

    /** The document without secret material, as every GET returns it. */
    public static JsonObject publicView(JsonObject app) {
        JsonObject out = app.copy();
        JsonObject oauth = oauth(out);
        if (oauth != null) {
            oauth.remove(SECRET_HASH);
            oauth.putNull("clientSecret");
        }
        return out;
    }

    /** The OAuth2 credentials object, or null (also when a stored document has them in the wrong shape). */
    public static JsonObject oauth(JsonObject app) {
        return app.getValue("accessTokens") instanceof JsonObject tokens
            && tokens.getValue("oauth_credentials") instanceof JsonObject oauth ? oauth : null;
    }

    public static String apiKey(JsonObject app) {
        return app.getValue("accessTokens") instanceof JsonObject tokens
            && tokens.getValue("apiAccessKey_credentials") instanceof JsonObject key
            && key.getValue("apiAccessKey") instanceof String k ? k : null;
    }

    public static String clientId(JsonObject app) {
        JsonObject oauth = oauth(app);
        return oauth != null && oauth.getValue("clientID") instanceof String id ? id : null;
    }

    public static String secretHash(JsonObject app) {
        JsonObject oauth = oauth(app);
        return oauth != null && oauth.getValue(SECRET_HASH) instanceof String h ? h : null;
    }

    /** {@code isSuspended} as a boolean whether it was sent as {@code true} or {@code "true"}. */
    public static boolean suspended(JsonObject app) {
        Object v = app.getValue("isSuspended");
        return v instanceof Boolean b ? b : v != null && "true".equalsIgnoreCase(v.toString());
    }

    /** The ids of the APIs the application consumes; a stored value of the wrong shape reads as none. */
    public static List<String> consumingApis(JsonObject app) {
        if (!(app.getValue("consumingAPIs") instanceof JsonArray ids)) return List.of();
        return ids.stream().filter(o -> o instanceof String).map(Object::toString).toList();
    }

    /**
     * The values of every identifier of the given key ({@code httpBasicAuth}, {@code hostNameAddress}, ...).
     *
     * @throws IllegalArgumentException when the identifiers are not {@code [{key, value: [text...]}]}: identification
     *         must not guess, so the application index leaves such an application out and reports it
     */
    public static List<String> identifierValues(JsonObject app, String key) {
        Object identifiers = app.getValue("identifiers");
        if (identifiers == null) return List.of();
        if (!(identifiers instanceof JsonArray list)) throw new IllegalArgumentException("'identifiers' is not an array");
        List<String> out = new java.util.ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof JsonObject ident)) throw new IllegalArgumentException("an identifier is not an object");
            if (!key.equals(ident.getValue("key"))) continue;
            Object values = ident.getValue("value");
            if (values == null) continue;
            if (!(values instanceof JsonArray arr)) {
                throw new IllegalArgumentException("the value of identifier " + key + " is not an array of text");
            }
            for (Object v : arr) if (v != null) out.add(v.toString());
        }
        return out;
    }
}
