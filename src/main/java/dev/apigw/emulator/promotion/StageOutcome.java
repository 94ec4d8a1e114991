package dev.apigw.emulator.promotion;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a promotion did on one stage: {@code Success} when the stage imported every asset (warnings aside),
 * {@code Failed} with a reason otherwise; the stage's import log; and for a rollback the stage's snapshot (a zip,
 * base64) and the assets the import created there, in the order a rollback deletes them (what refers first).
 *
 * @param snapshot null when nothing was imported (nothing to roll back)
 */
record StageOutcome(JsonObject stage, String status, JsonArray archiveResult, String errorReason, String snapshot,
                    JsonArray created) {
    static final String SUCCESS = "Success";
    static final String FAILED = "Failed";
    /** The order of deletes: an asset before what it refers to. */
    private static final List<String> DELETE_ORDER = List.of("GatewayScope", "API", "Application", "Strategy", "AccessProfile",
        "Group", "User", "Plan", "Package", "Policy", "PolicyAction", "Alias");

    /** @param snapshot the stage's archive before the import, base64 */
    static StageOutcome imported(JsonObject stage, JsonObject log, String snapshot) {
        JsonArray result = log.getValue("ArchiveResult") instanceof JsonArray a ? a : new JsonArray();
        String failure = null;
        List<JsonObject> created = new ArrayList<>();
        for (Object o : result) {
            if (!(o instanceof JsonObject element) || element.isEmpty()) continue;
            String type = element.fieldNames().iterator().next();
            if (!(element.getValue(type) instanceof JsonObject asset)) continue;
            boolean ok = "Success".equals(asset.getString("status"));
            if (!ok && !Boolean.TRUE.equals(asset.getValue("warning")) && failure == null) {
                failure = "The stage did not import " + type + " " + asset.getString("id") + ": " + asset.getString("explanation");
            }
            if (ok && !Boolean.TRUE.equals(asset.getValue("overwritten")) && DELETE_ORDER.contains(type)) {
                created.add(new JsonObject().put("type", type).put("id", asset.getString("id")));
            }
        }
        created.sort(Comparator.comparingInt(c -> DELETE_ORDER.indexOf(c.getString("type"))));
        return new StageOutcome(stage, failure == null ? SUCCESS : FAILED, result, failure, snapshot,
            new JsonArray(new ArrayList<>(created)));
    }

    static StageOutcome failed(JsonObject stage, String reason) {
        return new StageOutcome(stage, FAILED, new JsonArray(), reason, null, new JsonArray());
    }

    String stageName() {
        return stage.getString("name", stage.getString("id"));
    }

    /** The product's per-stage result: {@code {"status", "ArchiveResult", "errorReason"?}}. */
    JsonObject result() {
        JsonObject out = new JsonObject().put("status", status).put("ArchiveResult", archiveResult.copy());
        return errorReason == null ? out : out.put("errorReason", errorReason);
    }
}
