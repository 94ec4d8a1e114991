package dev.apigw.emulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.model.Applications;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void parses_bearer_and_basic_case_insensitively() {
        assertEquals("abc", Credentials.bearer("bearer abc"));
        String basic = Base64.getEncoder().encodeToString("id:se:cret".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Credentials.Basic("id", "se:cret"), Credentials.basic("BASIC " + basic));
    }

    @Test
    void malformed_headers_give_null() {
        for (String h : new String[] {null, "", "Bearer", "Bearer ", "Bearer a b", "Token x"}) assertNull(Credentials.bearer(h));
        for (String h : new String[] {null, "Basic", "Basic !!!", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())}) {
            assertNull(Credentials.basic(h));
        }
    }

    @Test
    void secrets_are_compared_with_their_hash() {
        String secret = Applications.randomHex();
        assertTrue(Applications.secretMatches(secret, Applications.hash(secret)));
        assertFalse(Applications.secretMatches(secret + "x", Applications.hash(secret)));
        assertFalse(Applications.secretMatches(secret, null));
        assertTrue(TokenFormat.looksLikeAccessToken(secret));
        assertFalse(TokenFormat.looksLikeAccessToken(secret.toUpperCase()));
    }
}
