package dev.apigw.emulator.auth;

import dev.apigw.emulator.config.AdminConfig;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code GET /rest/pub/apigateway/jwt/getJsonWebToken} and {@code GET /rest/pub/apigateway/jwt/certs} (no auth).
 * A JWT is issued to the application whose client id and secret come as HTTP Basic, or, with the administrator's
 * Basic credentials, to the application named by {@code ?app_id=}. Errors use the admin error body.
 */
final class JwtEndpoints {
    static final String BASE = "/rest/pub/apigateway/jwt";
    private final ApplicationIndex index;
    private final JwtService jwt;
    private final AdminConfig admin;

    JwtEndpoints(ApplicationIndex index, JwtService jwt, AdminConfig admin) {
        this.index = index;
        this.jwt = jwt;
        this.admin = admin;
    }

    void mount(Router router) {
        router.get(BASE + "/certs").handler(ctx -> OAuthEndpoints.send(ctx, 200, jwt.jwks()));
        router.get(BASE + "/getJsonWebToken").handler(this::issue);
    }

    private void issue(RoutingContext ctx) {
        Credentials.Basic basic = Credentials.basic(ctx.request().getHeader("Authorization"));
        String appId = ctx.request().getParam("app_id");
        ApplicationIndex.Snapshot apps = index.current();
        AppEntry app;
        if (basic == null) throw unauthorized(); // Basic only: a secret in the query string would end up in logs
        if (appId != null && isAdmin(basic)) {
            app = apps.byId().get(appId);
            if (app == null) throw GatewayException.admin(400, "UNKNOWN_APPLICATION", "No application with id " + appId);
        } else {
            app = ClientAuth.authenticate(ctx.request().getHeader("Authorization"), Params.of(ctx), apps);
            if (app != null && appId != null && !appId.equals(app.id())) app = null;
        }
        if (app == null || app.suspended()) throw unauthorized();
        OAuthEndpoints.send(ctx, 200, new JsonObject().put("jwt", jwt.issue(app, basic.user())));
    }

    private static GatewayException unauthorized() {
        return new GatewayException(401, "JWT_UNAUTHORIZED", "Invalid credentials: the application's client id "
            + "and secret (or administrator credentials with app_id) are required",
            Map.of("WWW-Authenticate", "Basic realm=\"API Gateway\""));
    }

    private boolean isAdmin(Credentials.Basic basic) {
        return basic.user().equals(admin.username()) && MessageDigest.isEqual(
            basic.password().getBytes(StandardCharsets.UTF_8), admin.password().getBytes(StandardCharsets.UTF_8));
    }
}
