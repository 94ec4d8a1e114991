package dev.apigw.emulator.admin;

import dev.apigw.emulator.quiesce.QuiesceMachine;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /emulator/health/liveness}: 200 while the process is alive and its event loops answer, whatever the
 * quiesce state, without credentials. The product's {@code /rest/apigateway/health} is the readiness (503 while
 * quiescing or quiesced); a liveness probe pointed there would restart a node in the middle of a quiesce. Served on
 * the main port (also while it refuses other requests) and on the quiesce port, which stays open once quiesced.
 */
public final class Liveness {
    public static final String PATH = AdminApi.EMULATOR + "/health/liveness";

    private final QuiesceMachine machine;

    Liveness(QuiesceMachine machine) {
        this.machine = machine;
    }

    QuiesceMachine machine() {
        return machine;
    }

    void mount(Router router) {
        router.get(PATH).handler(ctx -> answer(ctx.request(), machine));
        router.head(PATH).handler(ctx -> answer(ctx.request(), machine));
    }

    /** Answers a liveness request directly (the main port calls this for requests it otherwise refuses). */
    public static void answer(HttpServerRequest req, QuiesceMachine machine) {
        String body = new JsonObject().put("status", "UP").put("state", machine.snapshot().state().name()).encode();
        req.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body);
    }
}
