package dev.apigw.emulator.auth;

import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The gateway's RS256 signing key pair (key id {@code ssos}, as the product's). Generated on the first start and
 * kept in the asset store (settings {@value #ID}), so every node sharing the store signs and verifies with the same
 * key. If two nodes start empty at the same moment both generate, and the one written last wins; each then re-reads
 * what is stored. The private key is stored unencrypted: protect the data directory or Redis accordingly.
 */
public record JwtKeys(String privatePem, String publicPem, RSAPublicKey publicKey) {
    public static final String KID = "ssos";
    static final String ID = "jwtSigningKey";

    /** Loads the stored pair, generating and storing one first if there is none. */
    public static Future<JwtKeys> loadOrCreate(Vertx vertx, AssetStore store) {
        return store.get(AssetType.SETTINGS, ID).compose(doc -> {
            if (doc != null) return Future.succeededFuture(doc);
            return vertx.executeBlocking(JwtKeys::generate)
                .compose(fresh -> store.put(AssetType.SETTINGS, ID, fresh))
                .compose(v -> store.get(AssetType.SETTINGS, ID));
        }).map(JwtKeys::fromDocument);
    }

    private static JsonObject generate() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        return new JsonObject().put("id", ID).put("kid", KID)
            .put("privateKey", b64.encodeToString(pair.getPrivate().getEncoded()))
            .put("publicKey", b64.encodeToString(pair.getPublic().getEncoded()));
    }

    private static JwtKeys fromDocument(JsonObject doc) {
        try {
            String pub = doc.getString("publicKey");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
            return new JwtKeys(pem("PRIVATE KEY", doc.getString("privateKey")), pem("PUBLIC KEY", pub), key);
        } catch (Exception e) {
            throw new IllegalStateException("the stored JWT signing key is unreadable", e);
        }
    }

    private static String pem(String type, String base64) {
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    /** The public key as a JWK, for {@code /rest/pub/apigateway/jwt/certs}. */
    public JsonObject jwk() {
        return new JsonObject().put("kty", "RSA").put("e", b64url(publicKey.getPublicExponent()))
            .put("use", "sig").put("kid", KID).put("alg", "RS256").put("n", b64url(publicKey.getModulus()));
    }

    private static String b64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
