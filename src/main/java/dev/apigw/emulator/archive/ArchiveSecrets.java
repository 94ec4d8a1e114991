package dev.apigw.emulator.archive;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret material of archives exported by an emulator (API keys, OAuth2 client-secret hashes, the JWT signing
 * key), sealed into the product's {@code PassmanData} entries: {@code pw} = base64 of a 12-byte random IV followed by
 * the AES-256-GCM ciphertext and tag, under a key derived from the passphrase with PBKDF2-HMAC-SHA256 (a random
 * 16-byte salt per archive in {@code saltString}, {@link #ITERATIONS} in {@code iterationCount}); the entry's id is
 * the additional authenticated data, so a sealed value cannot be moved to another entry. All from the JDK.
 * Without a passphrase nothing is sealed: {@link #enabled()} is false and secrets stay out of the archive.
 * Derivation is slow by design (about a fifth of a second): once per archive on export, once per salt on import. A
 * passphrase of 64 hexadecimal characters is taken as what it is, a 256-bit random key (migrations make one per
 * reindex), and gets a single round: stretching adds nothing to a secret nobody can guess.
 * Not thread-safe for export; one instance per export or import.
 */
final class ArchiveSecrets {
    static final String ENCRYPTOR_ID = "apigw-emulator:PBKDF2WithHmacSHA256:AES-256-GCM";
    /** How the product masks every secret in exported documents: 32 asterisks. */
    static final String MASK = "********************************";
    static final int ITERATIONS = 310_000;
    private static final java.util.regex.Pattern RANDOM_KEY = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] passphrase;
    private final int iterations;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private byte[] exportSalt;

    ArchiveSecrets(String passphrase) {
        this.passphrase = passphrase == null ? new char[0] : passphrase.toCharArray();
        this.iterations = passphrase != null && RANDOM_KEY.matcher(passphrase).matches() ? 1 : ITERATIONS;
    }

    boolean enabled() {
        return passphrase.length > 0;
    }

    static boolean masked(String value) {
        return value == null || value.isBlank() || value.chars().allMatch(c -> c == '*');
    }

    /** A PassmanData document holding {@code secret} under {@code id}. Call only when {@link #enabled()}. */
    JsonObject seal(String id, String secret) {
        if (exportSalt == null) {
            exportSalt = new byte[16];
            RANDOM.nextBytes(exportSalt);
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(exportSalt, iterations), new GCMParameterSpec(128, iv));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] pw = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            Base64.Encoder b64 = Base64.getEncoder();
            return new JsonObject().put("id", id).put("pw", b64.encodeToString(pw)).put("encryptorId", ENCRYPTOR_ID)
                .put("saltString", b64.encodeToString(exportSalt)).put("iterationCount", iterations);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JVM", e);
        }
    }

    /** Whether an emulator sealed this entry (a product's PassmanData is encrypted with its master password). */
    static boolean ours(JsonObject passman) {
        return passman != null && ENCRYPTOR_ID.equals(passman.getString("encryptorId"));
    }

    /**
     * The secret of an entry an emulator sealed, or null without a passphrase. A wrong passphrase or a damaged entry
     * is a 400: importing with the wrong secret would silently break every client of the archive's applications.
     */
    String open(JsonObject passman) {
        if (!enabled() || !ours(passman)) return null;
        String id = passman.getString("id", "");
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] pw = b64.decode(passman.getString("pw", ""));
            byte[] salt = b64.decode(passman.getString("saltString", ""));
            int iterations = passman.getValue("iterationCount") instanceof Number n ? n.intValue() : ITERATIONS;
            if (pw.length < 28 || iterations < 1 || iterations > 10_000_000) throw new GeneralSecurityException("malformed");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(salt, iterations), new GCMParameterSpec(128, pw, 0, 12));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(pw, 12, pw.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw GatewayException.admin(400, "ARCHIVE_SECRET", "Invalid archive: the secret PassmanData." + id
                + " cannot be decrypted with this gateway's archive passphrase (archive.passphrase or the x-Archive-Passphrase"
                + " header); it differs from the exporting gateway's");
        }
    }

    private SecretKey key(byte[] salt, int iterations) {
        String cacheKey = Base64.getEncoder().encodeToString(salt) + "/" + iterations;
        return keys.computeIfAbsent(cacheKey, k -> {
            try {
                PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
                byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                spec.clearPassword();
                return new SecretKeySpec(raw, "AES");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from the JVM", e);
            }
        });
    }
}
