package dev.apigw.emulator.catalog;

import dev.apigw.emulator.quota.PlanQuota;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * A plan as stored: {@code name} (text), {@code deprecated} (true/false), {@code policies: [policyId...]} and
 * {@code quota: {enforcementPolicy, value, interval, intervalUnit}} where an inline quota has a whole {@code value}
 * >= 0, a whole {@code interval} >= 1 and an {@code intervalUnit} among {@link PlanQuota#UNITS}.
 */
final class PlanShapes {
    private PlanShapes() {
    }

    static void check(JsonObject plan) {
        Fields.text(plan, "name", true);
        Fields.texts(plan, "description", "id", "version");
        Fields.bool(plan, "deprecated", "isProtected", "protected");
        Fields.textArray(plan, "policies", "packageIds");
        Object quota = plan.getValue("quota");
        if (quota == null) return;
        if (!(quota instanceof JsonObject q)) throw GatewayException.invalidPayload("'quota' must be an object");
        Fields.text(q, "enforcementPolicy", false);
        if (q.getValue("value") == null) return;
        Fields.whole(q, "value", 0, true);
        Fields.whole(q, "interval", 1, false);
        Object unit = q.getValue("intervalUnit");
        if (unit != null && !(unit instanceof String u && PlanQuota.UNITS.contains(u.toLowerCase(Locale.ROOT)))
            && !(unit instanceof String s && PlanQuota.UNITS.contains(s.toLowerCase(Locale.ROOT) + "s"))) {
            throw GatewayException.invalidPayload("'quota.intervalUnit' must be one of " + PlanQuota.UNITS + ", was '" + unit + "'");
        }
    }
}
