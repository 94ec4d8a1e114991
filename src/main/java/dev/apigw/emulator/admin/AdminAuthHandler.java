package dev.apigw.emulator.admin;

import dev.apigw.emulator.config.AdminConfig;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP Basic authentication of the administrator on admin calls. Credentials are compared in constant time and
 * never logged. Health probes pass without credentials, as container orchestrators call them anonymously.
 */
public final class AdminAuthHandler implements Handler<RoutingContext> {
    private final byte[] expected;

    public AdminAuthHandler(AdminConfig admin) {
        this.expected = (admin.username() + ":" + admin.password()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (authorized(ctx.request().getHeader("Authorization"))) {
            ctx.next();
            return;
        }
        ctx.fail(new GatewayException(401, "ADMIN_UNAUTHORIZED",
            "Access denied: valid administrator credentials are required (HTTP Basic authentication)",
            Map.of("WWW-Authenticate", "Basic realm=\"Integration Server\"")));
    }

    boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
