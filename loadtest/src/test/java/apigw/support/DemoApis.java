package apigw.support;

import java.util.Map;

/**
 * The two APIs the steady and rehearsal simulations call: one identified by API key, one by OAuth2 token. Given as
 * parameters ({@code keyPath}, {@code apiKey}, {@code oauthPath}, {@code clientId}, {@code clientSecret}, and the
 * API names {@code keyApi}, {@code oauthApi}), or, when no credentials are given, registered on the gateway by
 * {@link #setUp} with the rehearsal's asset files, routed to {@code backendUrl} (the demo echo backend by default).
 *
 * @param keyApi    name of the API-key API (as the gateway publishes its metrics)
 * @param keyPath   its path, {@code /gateway/<name>/<version>/<resource>}
 * @param oauthApi  name of the OAuth2 API
 * @param oauthPath its path
 */
public record DemoApis(String keyApi, String keyPath, String apiKey, String oauthApi, String oauthPath, String clientId,
                       String clientSecret) {

    /** From the parameters when they carry credentials, else null. */
    public static DemoApis fromParams() {
        String apiKey = Params.string("apiKey", "");
        String clientId = Params.string("clientId", "");
        if (apiKey.isEmpty() || clientId.isEmpty()) return null;
        return new DemoApis(Params.string("keyApi", "RehearsalKeyAPI"), Params.string("keyPath", "/gateway/RehearsalKeyAPI/1.0/orders"),
            apiKey, Params.string("oauthApi", "RehearsalOAuthAPI"), Params.string("oauthPath", "/gateway/RehearsalOAuthAPI/1.0/payments"),
            clientId, Params.string("clientSecret", ""));
    }

    /**
     * Registers both APIs (names with a run suffix), an application for each, subscribed to the rehearsal's plan, and
     * waits until the gateway serves both with their credentials.
     */
    public static DemoApis setUp(String baseUrl, String backendUrl) {
        GatewayAdmin admin = new GatewayAdmin(baseUrl, Params.string("adminUser", "Administrator"),
            Params.string("adminPassword", "manage"));
        String suffix = "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        GatewayAdmin.Api keyApi = admin.api("key-api.json", Map.of("backend", backendUrl), "/orders", suffix);
        GatewayAdmin.Api oauthApi = admin.api("oauth-api.json", Map.of("backend", backendUrl), "/payments", suffix);
        String plan = admin.plan();
        GatewayAdmin.App keyApp = admin.app("GatlingKeyClient", keyApi, plan);
        GatewayAdmin.App oauthApp = admin.app("GatlingOAuthClient", oauthApi, plan);
        admin.awaitServed(keyApi.path(), "x-Gateway-APIKey", keyApp.apiKey());
        admin.awaitServed(oauthApi.path(), "Authorization", "Bearer " + admin.token(oauthApp));
        return new DemoApis(keyApi.name(), keyApi.path(), keyApp.apiKey(), oauthApi.name(), oauthApi.path(),
            oauthApp.clientId(), oauthApp.clientSecret());
    }
}
