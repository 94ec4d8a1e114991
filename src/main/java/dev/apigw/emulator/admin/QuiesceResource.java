package dev.apigw.emulator.admin;

import dev.apigw.emulator.quiesce.AdmissionCounter;
import dev.apigw.emulator.quiesce.QuiesceMachine;
import dev.apigw.emulator.quiesce.QuiesceMachine.Transition;
import dev.apigw.emulator.quiesce.QuiescePort;
import dev.apigw.emulator.quiesce.QuiesceReport;
import dev.apigw.emulator.quiesce.QuiesceRequest;
import dev.apigw.emulator.quiesce.QuiesceSequence;
import dev.apigw.emulator.quiesce.QuiesceSnapshot;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET/PUT /rest/apigateway/quiescemode}: renders one snapshot of the quiesce machine, and maps what a request
 * did to the product's answers: 200 with the settings ({@code status} null while a quiesce for all runs), 400 for a
 * bad body or for disabling "all", 409 when the mode is already in effect (or not enabled), 500 when no quiesce port
 * is ready.
 */
final class QuiesceResource {
    private final QuiesceMachine machine;
    private final AdmissionCounter admission;
    private final QuiesceSequence sequence;
    private final QuiescePort port;

    QuiesceResource(QuiesceMachine machine, AdmissionCounter admission, QuiesceSequence sequence, QuiescePort port) {
        this.machine = machine;
        this.admission = admission;
        this.sequence = sequence;
        this.port = port;
    }

    void mount(Router router) {
        router.get(AdminApi.BASE + "/quiescemode").handler(this::get);
        router.put(AdminApi.BASE + "/quiescemode").handler(this::change);
    }

    void get(RoutingContext ctx) {
        Bodies.ok(ctx, 200, QuiesceReport.json(machine.snapshot(), admission.inFlight()));
    }

    private void change(RoutingContext ctx) {
        Transition t = sequence.request(parse(Bodies.json(ctx)), port.ready());
        if (!t.applied()) throw refusal(t.refusal());
        JsonObject settings = QuiesceReport.settings(t.snapshot());
        boolean running = t.snapshot().status() == QuiesceSnapshot.Status.IN_PROGRESS;
        Bodies.ok(ctx, 200, settings.put("status", running ? null : QuiesceReport.status(t.snapshot().status())));
    }

    static GatewayException refusal(QuiesceMachine.Refusal refusal) {
        return switch (refusal) {
            case ALL_NOT_DISABLEABLE -> GatewayException.admin(400, "QUIESCE_ALL_NOT_DISABLEABLE", "Quiesce mode for all "
                + "cannot be disabled through this API; call /invoke/wm.server.quiesce/setActiveMode on the quiesce port");
            case ALL_IN_EFFECT -> conflict("Quiesce mode for all is already in effect");
            case DESIGNTIME_IN_EFFECT -> conflict("Quiesce mode for designtime is already in effect");
            case NOT_ENABLED -> conflict("Quiesce mode is not enabled");
            case QUIESCE_PORT_MISSING -> GatewayException.admin(500, "QUIESCE_PORT_MISSING", "A valid quiesce port should "
                + "be set, enabled, not suspended and have allow access mode prior to enable quiesce for all");
            case NONE -> throw new IllegalStateException("an applied transition is not a refusal");
        };
    }

    private static GatewayException conflict(String message) {
        return GatewayException.admin(409, "QUIESCE_CONFLICT", message);
    }

    /** The body: {@code enable} and {@code block} required, {@code flush} an optional list of known kinds. */
    static QuiesceRequest parse(JsonObject body) {
        Boolean enable = dev.apigw.emulator.model.Lenient.bool(body.getValue("enable")); // "true" as well as true
        if (enable == null) {
            throw GatewayException.invalidPayload("'enable' is required and must be true or false");
        }
        Object block = body.getValue("block");
        if (!"designtime".equals(block) && !"all".equals(block)) {
            throw GatewayException.invalidPayload("'block' is required and must be \"designtime\" or \"all\"");
        }
        return new QuiesceRequest(enable, "all".equals(block), kinds(body.getValue("flush")));
    }

    private static List<String> kinds(Object flush) {
        if (flush == null) return List.of();
        if (!(flush instanceof JsonArray array)) throw GatewayException.invalidPayload("'flush' must be an array");
        List<String> out = new ArrayList<>();
        for (Object k : array) {
            if (!(k instanceof String s) || !QuiesceRequest.KINDS.contains(s)) {
                throw GatewayException.invalidPayload("unknown flush value '" + k + "'; allowed: " + QuiesceRequest.KINDS);
            }
            if (!out.contains(s)) out.add(s);
        }
        return out;
    }
}
