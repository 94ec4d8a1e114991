package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.JsonLimits;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.quiesce.QuiesceState;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the quiesce port serves: {@code GET /rest/apigateway/health} (200 while a quiesce is in progress, 503 once
 * quiesced: what the zero-downtime guide polls), the emulator's liveness ({@link Liveness}), and behind the
 * administrator's credentials {@code GET /rest/apigateway/quiescemode}, the IS quiesce services, and the reads a
 * migration of a node quiesced for all needs (archive export, published metrics, webhooks).
 */
public final class QuiescePortRouter {
    private final Vertx vertx;
    private final QuiesceMachine machine;
    private final AdminAuthHandler auth;
    private final QuiesceResource quiesce;
    private final QuiescePortResource services;
    private final Liveness liveness;
    private final List<Consumer<Router>> reads;

    /** @param reads read-only resources (archive export, published metrics, webhooks) a migration reads here */
    QuiescePortRouter(Vertx vertx, QuiesceMachine machine, AdminAuthHandler auth, QuiesceResource quiesce,
                      QuiescePortResource services, Liveness liveness, List<Consumer<Router>> reads) {
        this.liveness = liveness;
        this.vertx = vertx;
        this.machine = machine;
        this.auth = auth;
        this.quiesce = quiesce;
        this.services = services;
        this.reads = List.copyOf(reads);
    }

    /** The request handler of the quiesce port's server. */
    public Handler<HttpServerRequest> handler() {
        Router router = Router.router(vertx);
        router.route().handler(new RequestChecks(JsonLimits.DEFAULT_MAX_DEPTH));
        router.get(AdminApi.BASE + "/health").handler(this::health);
        liveness.mount(router);
        router.route().handler(auth); // before the body: an anonymous client gets nothing buffered
        router.route().handler(BodyHandler.create(false).setBodyLimit(65_536));
        router.get(AdminApi.BASE + "/quiescemode").handler(quiesce::get);
        services.mountServices(router);
        reads.forEach(mount -> mount.accept(router));
        AdminErrors errors = new AdminErrors();
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        return router;
    }

    private void health(RoutingContext ctx) {
        QuiesceState s = machine.snapshot().state();
        String status = switch (s) {
            case FLUSHING, DRAINING -> "in progress";
            case QUIESCED -> "quiesced";
            default -> "green";
        };
        Bodies.ok(ctx, s == QuiesceState.QUIESCED ? 503 : 200, new JsonObject().put("status", status).put("state", s.name()));
    }
}
