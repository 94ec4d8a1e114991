package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.Admission;
import io.vertx.core.Handler;
import dev.apigw.emulator.runtime.Draining;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of the main port's admin router: counts the admitted request out once it ends, whatever ends it.
 * For routed requests vertx-web's RoutingContext owns the response's end, close and exception handlers (its end
 * handlers run once for all three), so this joins through them rather than setting the slots itself; the runtime
 * path's owner is runtime.ExchangeLifecycle. While the node drains, responses carry {@code Connection: close}.
 */
final class AdmittedRequests implements Handler<RoutingContext> {
    private final Admission admission;

    AdmittedRequests(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addEndHandler(ar -> admission.exit());
        ctx.addHeadersEndHandler(v -> {
            if (admission.closeConnections()) Draining.moveOff(ctx.request());
        });
        ctx.next();
    }
}
