package dev.apigw.emulator.quiesce;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The JSON of a {@link QuiesceSnapshot}: the body of {@code GET /rest/apigateway/quiescemode} and the data of the
 * quiesce webhook events. Settings and status as the product names them ({@code status} success / failure /
 * "in progress"), then the emulator's own {@code state}, {@code inFlight} and {@code receipt}.
 */
public final class QuiesceReport {
    private QuiesceReport() {
    }

    public static JsonObject json(QuiesceSnapshot s, int inFlight) {
        JsonObject out = settings(s).put("status", status(s.status())).put("failureReason", s.failureReason())
            .put("state", s.state().name()).put("inFlight", inFlight);
        return out.put("receipt", receipt(s.receipt()));
    }

    /** The request's settings: {@code enable}, and {@code block} and {@code flush} once a quiesce was requested. */
    public static JsonObject settings(QuiesceSnapshot s) {
        JsonObject out = new JsonObject().put("enable", s.enable());
        if (s.block() != null) out.put("block", s.block());
        if ("all".equals(s.block())) out.put("flush", new JsonArray(s.flush()));
        return out;
    }

    public static String status(QuiesceSnapshot.Status status) {
        return status == QuiesceSnapshot.Status.IN_PROGRESS ? "in progress" : status.name().toLowerCase(Locale.ROOT);
    }

    private static JsonObject receipt(QuiesceReceipt r) {
        JsonObject phases = new JsonObject();
        r.phases().forEach((name, p) -> {
            JsonObject facts = new JsonObject();
            p.facts().forEach(facts::put);
            phases.put(name, facts.put("at", p.at().toString()));
        });
        JsonArray flushed = new JsonArray();
        r.flushes().values().forEach(f -> {
            JsonObject e = new JsonObject().put("kind", f.kind()).put("count", f.count()).put("flushes", f.flushes())
                .put("at", f.at() == null ? null : f.at().toString());
            if (f.error() != null) e.put("error", f.error());
            flushed.add(e);
        });
        return new JsonObject().put("phases", phases).put("flushed", flushed);
    }
}
