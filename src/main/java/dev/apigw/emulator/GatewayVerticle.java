package dev.apigw.emulator;

import dev.apigw.emulator.admin.AdminApi;
import dev.apigw.emulator.admin.AdminErrors;
import dev.apigw.emulator.admin.Liveness;
import dev.apigw.emulator.config.GatewayConfig;
import dev.apigw.emulator.runtime.Admission;
import dev.apigw.emulator.runtime.BackendFaults;
import dev.apigw.emulator.runtime.Draining;
import dev.apigw.emulator.runtime.ErrorResponder;
import dev.apigw.emulator.runtime.ExchangeObserver;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.GatewayHandler;
import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.runtime.UpstreamForwarder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * One event loop's share of the main port: runtime requests ({@code /gateway/...}) go straight to the
 * {@link GatewayHandler} on the raw request, everything else to the admin router. Several instances share the port.
 */
final class GatewayVerticle extends VerticleBase {
    private final GatewayConfig config;
    private final RouteRegistry routes;
    private final AdminApi admin;
    private final Admission admission;
    private final List<ExchangeObserver> observers;
    private final BackendFaults faults;
    private final int listenPort;
    private final IntConsumer boundPort;
    private UpstreamForwarder forwarder;
    private RequestHeadTimeout heads;

    GatewayVerticle(GatewayConfig config, RouteRegistry routes, AdminApi admin, Admission admission,
                    List<ExchangeObserver> observers, BackendFaults faults, int listenPort, IntConsumer boundPort) {
        this.faults = faults;
        this.config = config;
        this.routes = routes;
        this.admin = admin;
        this.admission = admission;
        this.observers = List.copyOf(observers);
        this.listenPort = listenPort;
        this.boundPort = boundPort;
    }

    @Override
    public Future<?> start() {
        forwarder = new UpstreamForwarder(vertx, config.runtime());
        GatewayHandler gateway = new GatewayHandler(vertx, routes, forwarder, admission, observers, faults,
            config.runtime().encodedPathSeparators());
        Router router = admin.router(vertx, admission);
        HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(true)
            .setIdleTimeout((int) config.runtime().idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        long idle = config.runtime().idleTimeoutMs();
        long head = config.runtime().requestHeaderTimeoutMs();
        heads = new RequestHeadTimeout(vertx, head, idle > 0 ? Math.max(head, idle) : 0);
        heads.start();
        return vertx.createHttpServer(options)
            .connectionHandler(heads::connected)
            .requestHandler(req -> {
                heads.request(req);
                if (!admission.tryEnter()) {
                    // checked only on refusal, so liveness costs the hot path nothing
                    if (req.path().equals(Liveness.PATH)) admin.liveness(req);
                    else refuse(req);
                    return;
                }
                // counted out by the runtime's ExchangeLifecycle, or by the admin router's first handler
                if (req.path().startsWith(GatewayHandler.PREFIX)) gateway.handle(req);
                else router.handle(req);
            })
            .listen(listenPort, config.host())
            .onSuccess(s -> boundPort.accept(s.actualPort()));
    }

    /** Quiescing or shutting down: 503 in the family's shape, and the connection closed so clients move on. */
    private static void refuse(HttpServerRequest req) {
        if (req.path().startsWith(GatewayHandler.PREFIX)) {
            ErrorResponder.send(req, null, GatewayException.quiesced());
        } else {
            Draining.moveOff(req);
            ErrorResponder.closeAfter(req, AdminErrors.send(req.response(), GatewayException.quiesced()));
        }
    }

    @Override
    public Future<?> stop() {
        if (heads != null) heads.stop();
        return forwarder == null ? Future.succeededFuture() : forwarder.close();
    }
}
