package dev.apigw.emulator.admin;

import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The design-time block: while quiesced for design time (or more), POST/PUT/PATCH/DELETE under the admin API answer
 * 503 except the product's whitelist (quiescemode, search, the facade's searchApis) and archive exports by search
 * body (a POST standing for a GET, as its x-HTTP-Method-Override says). Mounted after authentication
 * and before every resource. The path it checks is the one the router matches: Vert.x normalises dot-segments and
 * decodes unreserved characters before routing, and so does this check.
 */
final class DesignTimeGuard {
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final QuiesceMachine machine;

    DesignTimeGuard(QuiesceMachine machine) {
        this.machine = machine;
    }

    void mount(Router router) {
        router.route(AdminApi.BASE + "/*").handler(this::guard);
        router.route(AdminApi.FACADE + "/*").handler(this::guard);
        router.routeWithRegex("/restv2/.*").handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (machine.snapshot().state().blocksDesignTime() && WRITES.contains(ctx.request().method()) && !allowed(path)
            && !ArchiveResource.isExport(ctx)) {
            ctx.fail(GatewayException.admin(503, "DESIGNTIME_QUIESCED", "API Gateway is in quiesce mode for design time; "
                + ctx.request().method() + " " + path + " is blocked until quiesce mode is disabled"));
            return;
        }
        ctx.next();
    }

    /** The product's whitelist; trailing slashes are ignored. */
    static boolean allowed(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.equals(AdminApi.BASE + "/quiescemode") || p.equals(AdminApi.BASE + "/search")
            || p.startsWith(AdminApi.BASE + "/search/") || p.equals(AdminApi.FACADE + "/searchApis");
    }
}
