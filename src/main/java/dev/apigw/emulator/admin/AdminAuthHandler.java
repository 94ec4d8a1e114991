package dev.apigw.emulator.admin;

import dev.apigw.emulator.auth.Credentials;
import dev.apigw.emulator.iam.UserDirectory;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * HTTP Basic authentication on admin calls: the configured administrator (the bootstrap account) or any active local
 * user of {@code /users}. Credentials are compared in constant time (users: PBKDF2, off the event loop) and never
 * logged; the header value is trimmed, as clients send {@code "Basic <b64> "}. The emulator checks no privileges:
 * every user who signs in may call every admin endpoint. Health probes pass without credentials.
 */
public final class AdminAuthHandler implements Handler<RoutingContext> {
    private static final GatewayException DENIED = new GatewayException(401, "ADMIN_UNAUTHORIZED",
        "Access denied: valid administrator credentials are required (HTTP Basic authentication)",
        Map.of("WWW-Authenticate", "Basic realm=\"Integration Server\""));
    private final UserDirectory users;

    public AdminAuthHandler(UserDirectory users) {
        this.users = users;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Future<Boolean> ok = authorized(ctx.request().getHeader("Authorization"));
        if (ok.isComplete()) {
            decide(ctx, ok.succeeded() && ok.result()); // the administrator: no further allocation
            return;
        }
        // a user's password is checked off the event loop, and the body is read only after it (by a body handler or a
        // streaming resource, which resume the request): until then its bytes must wait, not flow past unheard
        ctx.request().pause();
        ok.onComplete(ar -> decide(ctx, ar.succeeded() && ar.result()));
    }

    private static void decide(RoutingContext ctx, boolean ok) {
        if (ok) ctx.next();
        else ctx.fail(DENIED);
    }

    Future<Boolean> authorized(String header) {
        Credentials.Basic basic = Credentials.basic(header == null ? null : header.trim());
        if (basic == null) return Future.succeededFuture(false);
        return users.verify(basic.user(), basic.password());
    }
}
