package dev.apigw.emulator.runtime;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/** The answer to a request the node no longer accepts (quiescing or shutting down): 503 and Connection: close. */
public final class Rejection {
    private Rejection() {
    }

    public static void notAccepting(HttpServerRequest request) {
        GatewayException error = new GatewayException(503, "QUIESCED",
            "The gateway is in quiesce mode and does not accept new requests", java.util.Map.of("Retry-After", "5"));
        if (request.path().startsWith(GatewayHandler.PREFIX)) {
            ErrorResponder.send(request, null, error);
        } else {
            ErrorResponder.closeAfter(request, request.response().setStatusCode(503)
                .putHeader("Content-Type", "application/json").putHeader("Connection", "close").putHeader("Retry-After", "5")
                .end(new JsonObject().put("errorDetails", " " + error.getMessage()).encode()));
        }
    }
}
