package dev.apigw.emulator.auth;

import dev.apigw.emulator.config.AdminConfig;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The public services of the local authorization server, which answer without administrator credentials: the
 * OAuth2 token, introspection and revocation endpoints under {@code /invoke} and the JWT endpoints under
 * {@code /rest/pub/apigateway/jwt}. They write the OAuth2 protocol's own error family (RFC 6749).
 */
public final class AuthEndpoints {
    private static final long BODY_LIMIT = 64 * 1024;
    private final OAuthEndpoints oauth;
    private final JwtEndpoints jwt;

    public AuthEndpoints(ApplicationIndex index, TokenService tokens, AssetStore store, JwtService jwt, AdminConfig admin) {
        this.oauth = new OAuthEndpoints(index, tokens, store);
        this.jwt = new JwtEndpoints(index, jwt, admin);
    }

    public void mount(Router router) {
        // only these anonymous services read a body before any credential is checked, and at most 64 KiB of it
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        for (String path : new String[] {OAuthEndpoints.TOKEN, OAuthEndpoints.INTROSPECT, OAuthEndpoints.REVOKE}) {
            router.post(path).handler(body);
        }
        oauth.mount(router);
        jwt.mount(router);
    }
}
