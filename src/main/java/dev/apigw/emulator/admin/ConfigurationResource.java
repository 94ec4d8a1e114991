package dev.apigw.emulator.admin;

import dev.apigw.emulator.settings.Configurations;
import io.vertx.ext.web.Router;

/**
 * {@code GET/PUT /configurations/{configId}} for the ids {@link Configurations} keeps ({@code loadBalancer},
 * {@code whiteListingIPs}, {@code mobileApp}, {@code auditlogDestinationConfig},
 * {@code elasticsearchDestinationConfig}, and the other swagger ids as sent). Mounted after the configurations with
 * a service of their own ({@code gatewayDestinationConfig}, {@code settings}, {@code extended}), so those answer
 * first; an unknown id is the product's 400 {@code " Invalid configId value in request. configId: <id>."}.
 */
final class ConfigurationResource {
    private final Configurations configurations;

    ConfigurationResource(Configurations configurations) {
        this.configurations = configurations;
    }

    void mount(Router router) {
        String base = AdminApi.BASE + "/configurations";
        router.get(base + "/:configId").handler(ctx -> configurations.get(ctx.pathParam("configId"))
            .onSuccess(doc -> Bodies.ok(ctx, 200, doc)).onFailure(ctx::fail));
        router.put(base + "/:configId").handler(ctx -> configurations.put(ctx.pathParam("configId"), Bodies.json(ctx))
            .onSuccess(doc -> Bodies.ok(ctx, 200, doc)).onFailure(ctx::fail));
        router.route(base).handler(ctx -> configurations.get(null).onFailure(ctx::fail));
    }
}
