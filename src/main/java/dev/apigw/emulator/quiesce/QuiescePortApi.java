package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.admin.AdminFailureHandler;
import dev.apigw.emulator.admin.Bodies;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The quiesce port's set-up calls on the main port ({@code POST /rest/apigateway/ports}, {@code PUT /ports/enable},
 * {@code PUT /invoke/wm.server.quiesce/setQuiescePort}) and what the quiesce port itself serves: health,
 * {@code GET /rest/apigateway/quiescemode} and the IS services {@code setActiveMode}, {@code getCurrentMode},
 * {@code setQuiesceMode} (also reachable on the main port while it listens).
 */
public final class QuiescePortApi {
    public static final String INVOKE = "/invoke/wm.server.quiesce";

    private final QuiesceController controller;
    private final QuiescePort port;

    public QuiescePortApi(QuiesceController controller, QuiescePort port) {
        this.controller = controller;
        this.port = port;
    }

    /** Main-port routes; {@code auth} guards {@code /invoke/wm.server.quiesce/*} (the admin API has its own). */
    public void mountMain(Router router, String base, Handler<RoutingContext> auth) {
        router.route(INVOKE + "/*").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(auth);
        router.post(base + "/ports").handler(this::definePort);
        router.put(base + "/ports/enable").handler(this::enablePort);
        router.put(INVOKE + "/setQuiescePort").handler(this::setQuiescePort);
        mountServices(router);
    }

    /** The quiesce port's own router. */
    public Router quiesceRouter(Vertx vertx, String base, Handler<RoutingContext> auth) {
        Router router = Router.router(vertx);
        router.get(base + "/health").handler(this::health);
        router.route().handler(BodyHandler.create(false).setBodyLimit(65_536));
        router.route().handler(auth);
        router.get(base + "/quiescemode").handler(ctx -> Bodies.ok(ctx, 200, controller.view()));
        mountServices(router);
        AdminFailureHandler failures = new AdminFailureHandler();
        router.route().failureHandler(failures);
        router.errorHandler(404, failures);
        return router;
    }

    private void mountServices(Router router) {
        router.route(INVOKE + "/setActiveMode").handler(ctx -> controller.activate()
            .onSuccess(v -> Bodies.ok(ctx, 200, mode().put("message", "The server is in active mode")))
            .onFailure(ctx::fail));
        router.route(INVOKE + "/getCurrentMode").handler(ctx -> Bodies.ok(ctx, 200, mode()));
        router.route(INVOKE + "/setQuiesceMode").handler(this::setQuiesceMode);
    }

    /** 200 while a quiesce is still in progress (and while active), 503 once quiesced: what the ZDU guide polls. */
    private void health(RoutingContext ctx) {
        QuiesceState s = controller.state();
        String status = switch (s) {
            case FLUSHING, DRAINING -> "in progress";
            case QUIESCED -> "quiesced";
            default -> "green";
        };
        Bodies.ok(ctx, s == QuiesceState.QUIESCED ? 503 : 200, new JsonObject().put("status", status).put("state", s.name()));
    }

    private JsonObject mode() {
        return new JsonObject().put("isQuiesceMode", String.valueOf(controller.state().blocksAll()));
    }

    private void setQuiesceMode(RoutingContext ctx) {
        String value = input(ctx, "isQuiesceMode");
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw GatewayException.invalidPayload("isQuiesceMode must be true or false");
        }
        if ("false".equalsIgnoreCase(value)) {
            controller.activate().onSuccess(v -> Bodies.ok(ctx, 200, mode())).onFailure(ctx::fail);
            return;
        }
        controller.change(new QuiesceRequest(true, true, QuiesceRequest.KINDS));
        Bodies.ok(ctx, 200, mode().put("isQuiesceMode", "true"));
    }

    private void definePort(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        String alias = body.getString("portAlias", "");
        int number = portNumber(body.getValue("port"));
        if (alias.isBlank()) throw GatewayException.invalidPayload("'portAlias' is required");
        if (!port.define(alias, number)) {
            throw GatewayException.admin(400, "PORT_EXISTS", "A port with alias " + alias + " or number " + number + " already exists");
        }
        Bodies.ok(ctx, 201, body.copy().put("listenerKey", "HTTPListener@" + number).put("enabled", "false"));
    }

    private void enablePort(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        QuiescePort.Port p = port.byListenerKey(body.getString("listenerKey", ""));
        if (p == null) throw GatewayException.admin(400, "PORT_UNKNOWN", "No port with listenerKey " + body.getValue("listenerKey"));
        port.enable(p).onSuccess(v -> Bodies.ok(ctx, 200, new JsonObject().put("listenerKey", p.listenerKey())
            .put("pkg", body.getString("pkg", "WmRoot")))).onFailure(ctx::fail);
    }

    private void setQuiescePort(RoutingContext ctx) {
        String alias = Bodies.json(ctx).getString("portAlias", "");
        if (port.byAlias(alias) == null) throw GatewayException.admin(400, "PORT_UNKNOWN", "No port with alias '" + alias + "'");
        port.choose(alias).onSuccess(v -> Bodies.ok(ctx, 200, new JsonObject().put("portAlias", alias)
            .put("message", "Quiesce port set to " + alias))).onFailure(ctx::fail);
    }

    private static int portNumber(Object value) {
        try {
            int n = value instanceof Number num ? num.intValue() : Integer.parseInt(String.valueOf(value).trim());
            if (n >= 1 && n <= 65535) return n;
        } catch (NumberFormatException e) {
            // fall through to the 400
        }
        throw GatewayException.invalidPayload("'port' must be a port number (1-65535), was '" + value + "'");
    }

    private static String input(RoutingContext ctx, String name) {
        String q = ctx.queryParams().get(name);
        if (q != null) return q;
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) return null;
        try {
            return String.valueOf(new JsonObject(text).getValue(name));
        } catch (RuntimeException e) {
            throw GatewayException.invalidPayload("the request body is not a JSON object");
        }
    }
}
