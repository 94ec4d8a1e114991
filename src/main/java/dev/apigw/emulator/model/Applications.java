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

    public static JsonObject oauth(JsonObject app) {
        JsonObject tokens = app.getJsonObject("accessTokens");
        return tokens == null ? null : tokens.getJsonObject("oauth_credentials");
    }

    public static String apiKey(JsonObject app) {
        JsonObject tokens = app.getJsonObject("accessTokens");
        JsonObject key = tokens == null ? null : tokens.getJsonObject("apiAccessKey_credentials");
        return key == null ? null : key.getString("apiAccessKey");
    }

    public static String clientId(JsonObject app) {
        JsonObject oauth = oauth(app);
        return oauth == null ? null : oauth.getString("clientID");
    }

    public static String secretHash(JsonObject app) {
        JsonObject oauth = oauth(app);
        return oauth == null ? null : oauth.getString(SECRET_HASH);
    }

    /** {@code isSuspended} as a boolean whether it was sent as {@code true} or {@code "true"}. */
    public static boolean suspended(JsonObject app) {
        Object v = app.getValue("isSuspended");
        return v instanceof Boolean b ? b : v != null && "true".equalsIgnoreCase(v.toString());
    }

    public static List<String> consumingApis(JsonObject app) {
        JsonArray ids = app.getJsonArray("consumingAPIs", new JsonArray());
        return ids.stream().filter(o -> o instanceof String).map(Object::toString).toList();
    }

    /** The values of every identifier of the given key ({@code httpBasicAuth}, {@code hostNameAddress}, ...). */
    public static List<String> identifierValues(JsonObject app, String key) {
        return app.getJsonArray("identifiers", new JsonArray()).stream()
            .filter(o -> o instanceof JsonObject j && key.equals(j.getString("key")))
            .flatMap(o -> ((JsonObject) o).getJsonArray("value", new JsonArray()).stream())
            .filter(v -> v != null).map(Object::toString).toList();
    }
}
