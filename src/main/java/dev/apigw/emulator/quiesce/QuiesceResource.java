package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.admin.Bodies;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET/PUT /rest/apigateway/quiescemode}, and the design-time block: while quiesced for design time (or
 * more), POST/PUT/PATCH/DELETE under the admin API answer 503 except the product's whitelist (quiescemode,
 * search, the facade's searchApis). Mounted after authentication and before every other admin resource.
 */
public final class QuiesceResource {
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final QuiesceController controller;

    public QuiesceResource(QuiesceController controller) {
        this.controller = controller;
    }

    public void mount(Router router, String base, String facade) {
        router.route(base + "/*").handler(ctx -> guard(ctx, base, facade));
        router.route(facade + "/*").handler(ctx -> guard(ctx, base, facade));
        router.get(base + "/quiescemode").handler(ctx -> Bodies.ok(ctx, 200, controller.view()));
        router.put(base + "/quiescemode").handler(this::change);
    }

    private void change(RoutingContext ctx) {
        QuiesceRequest request = QuiesceRequest.parse(Bodies.json(ctx));
        Bodies.ok(ctx, 200, controller.change(request));
    }

    private void guard(RoutingContext ctx, String base, String facade) {
        if (controller.designTimeBlocked() && WRITES.contains(ctx.request().method())
            && !allowed(ctx.request().path(), base, facade)) {
            ctx.fail(GatewayException.admin(503, "DESIGNTIME_QUIESCED", "API Gateway is in quiesce mode for design time; "
                + ctx.request().method() + " " + ctx.request().path() + " is blocked until quiesce mode is disabled"));
            return;
        }
        ctx.next();
    }

    /** The product's whitelist; trailing slashes are ignored. */
    static boolean allowed(String path, String base, String facade) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.equals(base + "/quiescemode") || p.equals(base + "/search") || p.startsWith(base + "/search/")
            || p.equals(facade + "/searchApis");
    }
}
