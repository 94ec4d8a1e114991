package dev.apigw.emulator.auth;

/** The shape of the gateway's opaque access tokens: 64 lower-case hex characters (256 random bits). */
final class TokenFormat {
    private TokenFormat() {
    }

    /** Cheap check before any lookup, so junk never reaches the cache or the store. */
    static boolean looksLikeAccessToken(String token) {
        if (token.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = token.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
