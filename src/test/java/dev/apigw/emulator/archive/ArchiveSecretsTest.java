package dev.apigw.emulator.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ArchiveSecretsTest {
    static final String KEY = "3f6c1d9e8b7a5c4d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";

    @Test
    void a_sealed_secret_opens_with_the_same_passphrase_and_hides_the_value() {
        JsonObject sealed = new ArchiveSecrets("pass").seal("API_ACCESS_KEYapp1", KEY);
        assertEquals(ArchiveSecrets.ENCRYPTOR_ID, sealed.getString("encryptorId"));
        assertEquals(ArchiveSecrets.ITERATIONS, sealed.getInteger("iterationCount"));
        assertFalse(sealed.encode().contains(KEY));
        assertEquals(KEY, new ArchiveSecrets("pass").open(sealed));
    }

    @Test
    void a_random_256_bit_key_is_not_stretched() {
        JsonObject sealed = new ArchiveSecrets(KEY).seal("k", "secret");
        assertEquals(1, sealed.getInteger("iterationCount"));
        assertEquals("secret", new ArchiveSecrets(KEY).open(sealed));
    }

    @Test
    void a_wrong_passphrase_or_a_moved_entry_is_a_400() {
        JsonObject sealed = new ArchiveSecrets("pass").seal("API_ACCESS_KEYapp1", KEY);
        GatewayException wrong = assertThrows(GatewayException.class, () -> new ArchiveSecrets("other").open(sealed));
        assertEquals(400, wrong.status());
        JsonObject moved = sealed.copy().put("id", "API_ACCESS_KEYapp2");
        assertThrows(GatewayException.class, () -> new ArchiveSecrets("pass").open(moved), "the id is authenticated data");
    }

    @Test
    void without_a_passphrase_nothing_opens_and_product_entries_are_not_ours() {
        JsonObject sealed = new ArchiveSecrets("pass").seal("k", KEY);
        assertNull(new ArchiveSecrets("").open(sealed));
        JsonObject product = new JsonObject().put("id", "k").put("pw", "abc").put("encryptorId", "EntrustAes");
        assertFalse(ArchiveSecrets.ours(product));
        assertNull(new ArchiveSecrets("pass").open(product));
        assertTrue(ArchiveSecrets.masked("********************************"));
        assertFalse(ArchiveSecrets.masked(KEY));
    }
}
