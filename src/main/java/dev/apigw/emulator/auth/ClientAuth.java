package dev.apigw.emulator.auth;

import dev.apigw.emulator.model.Applications;

/**
 * Authenticates an OAuth2 client (an application) by its client id and secret, from HTTP Basic or from the
 * {@code client_id}/{@code client_secret} parameters. The secret is compared with the stored hash in constant time.
 */
final class ClientAuth {
    private ClientAuth() {
    }

    /** The authenticated, non-suspended application, or null. */
    static AppEntry authenticate(String authorization, Params params, ApplicationIndex.Snapshot apps) {
        Credentials.Basic basic = Credentials.basic(authorization);
        String id = basic != null ? basic.user() : params.get("client_id");
        String secret = basic != null ? basic.password() : params.get("client_secret");
        if (id == null || secret == null) return null;
        AppEntry app = apps.byClientId().get(id);
        if (app == null || app.suspended() || !Applications.secretMatches(secret, app.secretHash())) return null;
        return app;
    }
}
