package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Endpoints of the product the emulator deliberately does not reproduce answer {@value #STATUS} with a body naming
 * them, never a 404 that looks like a missing asset: cross-data-center {@code /dataspace}, portal administration and
 * publishing, approvals, service registry and Integration Server publishing, URL aliases, the API tracer, API
 * documents, and IS administration ({@code /is/...}). {@code GET /portalGateways} answers an empty list instead, so pipelines that
 * republish to a portal stop cleanly when there is none. Mounted last: every emulated route answers first.
 */
final class NotEmulatedResource {
    static final int STATUS = 501;
    /** Path prefixes under {@code /rest/apigateway}, with why each is not emulated (see docs/not-emulated.md). */
    static final List<String[]> PREFIXES = List.of(
        new String[] {"/dataspace", "cross-data-center (HAFT) clustering"},
        new String[] {"/portalGateways", "API Portal / Developer Portal integration"},
        new String[] {"/approvalConfigurations", "approval workflows"},
        new String[] {"/approvals", "approval workflows"},
        new String[] {"/serviceRegistry", "service registry (Consul, Eureka) publishing"},
        new String[] {"/integrationServer", "Integration Server publishing"},
        new String[] {"/urlaliases", "Integration Server URL aliases"},
        new String[] {"/tracer", "the API tracer"},
        new String[] {"/documents", "API documents"},
        new String[] {"/is", "Integration Server administration"},
        new String[] {"/controlplane", "control plane registration"},
        new String[] {"/masterPassword", "the master password"},
        new String[] {"/logAggregation", "log aggregation"},
        new String[] {"/denialofservice", "denial-of-service deny lists"},
        new String[] {"/rule", "access rules"});
    /** Sub-resources of one API that are not emulated. */
    static final List<String[]> API_SUFFIXES = List.of(
        new String[] {"fetchMetadata", "API Portal integration"},
        new String[] {"tracing", "the API tracer"},
        new String[] {"source", "API source archives"},
        new String[] {"implementation", "Integration Server implementations"},
        new String[] {"providerspecification", "provider specification downloads"});

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/portalGateways").handler(ctx -> Bodies.ok(ctx, 200,
            new JsonObject().put("portalGatewayResponse", new JsonArray())));
        for (String[] p : PREFIXES) {
            router.route(base + p[0]).handler(ctx -> refuse(ctx, p[1]));
            router.route(base + p[0] + "/*").handler(ctx -> refuse(ctx, p[1]));
        }
        for (String[] s : API_SUFFIXES) {
            router.route(base + "/apis/:apiId/" + s[0]).handler(ctx -> refuse(ctx, s[1]));
            router.route(base + "/apis/:apiId/" + s[0] + "/*").handler(ctx -> refuse(ctx, s[1]));
        }
    }

    private static void refuse(RoutingContext ctx, String what) {
        ctx.fail(GatewayException.admin(STATUS, "NOT_EMULATED", ctx.request().method() + " " + ctx.request().path()
            + " is not emulated by apigw-emulator (" + what + "); see docs/not-emulated.md"));
    }
}
