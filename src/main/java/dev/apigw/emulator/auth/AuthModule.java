package dev.apigw.emulator.auth;

import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.policy.IdentifyAuthorizePolicyFactory;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.EmbeddedTokenStore;
import dev.apigw.emulator.store.RedisTokenStore;
import dev.apigw.emulator.store.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything about runtime identification, built once per node in Main and shared by all event loops: the
 * application index, the token store and service, the identification of requests, and the public OAuth2 endpoints.
 */
public final class AuthModule {
    private static final long BODY_LIMIT = 64 * 1024;
    private final ApplicationIndex index;
    private final Identifier identifier;
    private final TokenStore tokenStore;
    private final OAuthEndpoints oauth;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final AssetStore store;
    private final ExternalJwks external;
    /** Set once by {@link #start()}, before any request is served; read by every event loop. */
    private final AtomicReference<JwtService> jwt;

    private AuthModule(Vertx vertx, GatewayConfig config, AssetStore store, ApplicationIndex index,
                       Identifier identifier, TokenStore tokenStore,
                       OAuthEndpoints oauth, ExternalJwks external, AtomicReference<JwtService> jwt) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.external = external;
        this.jwt = jwt;
        this.index = index;
        this.identifier = identifier;
        this.tokenStore = tokenStore;
        this.oauth = oauth;
    }

    /** Builds without I/O; {@link #start()} loads and subscribes. */
    public static AuthModule create(Vertx vertx, GatewayConfig config, AssetStore store, Redis redis) {
        ApplicationIndex index = new ApplicationIndex(vertx, store);
        TokenStore tokenStore = redis == null ? EmbeddedTokenStore.under(vertx, config.dataDir())
            : new RedisTokenStore(vertx, redis, config.redis().url(), config.redis().commandTimeoutMs());
        TokenService tokens = new TokenService(tokenStore, config.auth().tokenTtlSeconds(), config.auth().tokenCacheSize());
        AtomicReference<JwtService> jwt = new AtomicReference<>();
        JwtVerifier verifier = token -> {
            JwtService service = jwt.get();
            return service == null ? Future.succeededFuture(null) : service.verify(token);
        };
        Identifier identifier = new Identifier(index, config.auth(), config.admin(), tokens, verifier);
        return new AuthModule(vertx, config, store, index, identifier, tokenStore,
            new OAuthEndpoints(index, tokens, store), new ExternalJwks(vertx, config.auth()), jwt);
    }

    /** Completes once tokens are loaded (or subscribed to) and the application index holds every application. */
    public Future<Void> start() {
        return tokenStore.start().compose(v -> index.start()).compose(v -> external.start())
            .compose(v -> JwtKeys.loadOrCreate(vertx, store))
            .map(keys -> {
                jwt.set(new JwtService(vertx, config.auth(), keys, external));
                return null;
            });
    }

    public IdentifyAuthorizePolicyFactory identifyFactory() {
        return new IdentifyAuthorizePolicyFactory(identifier);
    }

    /** Mounts the endpoints that need no administrator credentials (see AdminApi#withPublicRoutes). */
    public void mountPublic(Router router) {
        router.route("/invoke/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        oauth.mount(router);
        new JwtEndpoints(index, jwt.get(), config.admin()).mount(router);
    }

    public Future<Void> close() {
        return tokenStore.close();
    }
}
