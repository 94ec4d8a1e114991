package dev.apigw.emulator.auth;

import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.policy.IdentifyAuthorizePolicyFactory;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;

/**
 * Everything about runtime identification, built once per node in Main and shared by all event loops: the
 * application index, the identification of requests, and the public OAuth2 / JWT endpoints.
 */
public final class AuthModule {
    private final ApplicationIndex index;
    private final Identifier identifier;

    private AuthModule(ApplicationIndex index, Identifier identifier) {
        this.index = index;
        this.identifier = identifier;
    }

    public static AuthModule create(Vertx vertx, GatewayConfig config, AssetStore store, Redis redis) {
        ApplicationIndex index = new ApplicationIndex(vertx, store);
        Identifier identifier = new Identifier(index, config.auth(), config.admin(), TokenValidator.NONE, JwtVerifier.NONE);
        return new AuthModule(index, identifier);
    }

    /** Completes once the application index holds every stored application. */
    public Future<Void> start() {
        return index.start();
    }

    public IdentifyAuthorizePolicyFactory identifyFactory() {
        return new IdentifyAuthorizePolicyFactory(identifier);
    }

    /** Mounts the endpoints that need no administrator credentials (see AdminApi#withPublicRoutes). */
    public void mountPublic(Router router) {
    }

    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
