package dev.apigw.emulator.quiesce;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A validated {@code PUT /rest/apigateway/quiescemode} body; anything malformed is a 400 naming the field. */
public record QuiesceRequest(boolean enable, boolean all, List<String> flush) {
    public static final List<String> KINDS = List.of("license_metrics", "performance_metrics", "subscription_quota");

    public static QuiesceRequest parse(JsonObject body) {
        if (!(body.getValue("enable") instanceof Boolean enable)) {
            throw GatewayException.invalidPayload("'enable' is required and must be true or false");
        }
        Object block = body.getValue("block");
        if (!"designtime".equals(block) && !"all".equals(block)) {
            throw GatewayException.invalidPayload("'block' is required and must be \"designtime\" or \"all\"");
        }
        return new QuiesceRequest(enable, "all".equals(block), kinds(body.getValue("flush")));
    }

    /** The kinds named in {@code flush}; every kind when it is absent or empty. */
    private static List<String> kinds(Object flush) {
        if (flush == null) return KINDS;
        if (!(flush instanceof JsonArray array)) throw GatewayException.invalidPayload("'flush' must be an array");
        List<String> out = new ArrayList<>();
        for (Object k : array) {
            if (!(k instanceof String s) || !KINDS.contains(s)) {
                throw GatewayException.invalidPayload("unknown flush value '" + k + "'; allowed: " + KINDS);
            }
            if (!out.contains(s)) out.add(s);
        }
        return out.isEmpty() ? KINDS : List.copyOf(out);
    }

    public String block() {
        return all ? "all" : "designtime";
    }
}
