package dev.apigw.emulator.admin;

import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.QuiesceRequest;
import dev.apigw.emulator.quiesce.QuiesceSequence;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The quiesce port's set-up calls on the main port ({@code POST /rest/apigateway/ports}, {@code PUT /ports/enable},
 * {@code PUT /invoke/wm.server.quiesce/setQuiescePort}) and the Integration Server services {@code setActiveMode},
 * {@code getCurrentMode} and {@code setQuiesceMode}, which both ports serve.
 */
final class QuiescePortResource {
    static final String INVOKE = "/invoke/wm.server.quiesce";

    private final QuiesceMachine machine;
    private final QuiesceSequence sequence;
    private final QuiescePort port;

    QuiescePortResource(QuiesceMachine machine, QuiesceSequence sequence, QuiescePort port) {
        this.machine = machine;
        this.sequence = sequence;
        this.port = port;
    }

    /** Main-port routes, behind the admin authentication. */
    void mount(Router router) {
        router.post(AdminApi.BASE + "/ports").handler(this::definePort);
        router.put(AdminApi.BASE + "/ports/enable").handler(this::enablePort);
        router.put(INVOKE + "/setQuiescePort").handler(this::setQuiescePort);
        mountServices(router);
    }

    /** The IS services, on either port. */
    void mountServices(Router router) {
        router.route(INVOKE + "/setActiveMode").handler(ctx -> sequence.activate()
            .onSuccess(v -> Bodies.ok(ctx, 200, mode().put("message", "The server is in active mode")))
            .onFailure(ctx::fail));
        router.route(INVOKE + "/getCurrentMode").handler(ctx -> Bodies.ok(ctx, 200, mode()));
        router.route(INVOKE + "/setQuiesceMode").handler(this::setQuiesceMode);
    }

    private JsonObject mode() {
        return new JsonObject().put("isQuiesceMode", String.valueOf(machine.snapshot().state().blocksAll()));
    }

    private void setQuiesceMode(RoutingContext ctx) {
        String value = input(ctx, "isQuiesceMode");
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw GatewayException.invalidPayload("isQuiesceMode must be true or false");
        }
        if ("false".equalsIgnoreCase(value)) {
            sequence.activate().onSuccess(v -> Bodies.ok(ctx, 200, mode())).onFailure(ctx::fail);
            return;
        }
        var t = sequence.request(new QuiesceRequest(true, true, QuiesceRequest.KINDS), port.ready());
        if (!t.applied()) throw QuiesceResource.refusal(t.refusal());
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
        Object body = Bodies.value(ctx);
        if (body == null) return null;
        if (!(body instanceof JsonObject obj)) throw GatewayException.invalidPayload("the request body is not a JSON object");
        return String.valueOf(obj.getValue(name));
    }
}
