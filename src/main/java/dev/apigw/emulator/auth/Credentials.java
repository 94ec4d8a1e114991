package dev.apigw.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Parsing of {@code Authorization} headers; anything malformed gives {@code null}, never an exception. */
public final class Credentials {
    private Credentials() {
    }

    /** A {@code user:password} pair from HTTP Basic. */
    public record Basic(String user, String password) {
    }

    public static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String token = header.substring(7).trim();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? null : token;
    }

    public static Basic basic(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) return null;
        return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
