package dev.apigw.emulator.promotion;

import dev.apigw.emulator.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored promotion document and its views. Stored: the product's {@code Promotion} ({@code id, name, description,
 * destinationStages, valueSubstitution, promotedAssets, creationTime, owner, status, errorReason?,
 * promotionResults{<stageName>:{status, ArchiveResult, errorReason?}}, includeApis, includeApplications,
 * includeSubscriptions}) plus a private {@value #PRIVATE} part for the rollback (the one-time passphrase, each
 * reached stage's snapshot and created assets, the rollback's own status), never shown. The rollback view is the
 * product's {@code Rollback}; its id is the promotion's.
 */
public final class PromotionDocs {
    static final String PRIVATE = "_rollback";

    private PromotionDocs() {
    }

    static JsonObject promotion(String id, PromotionRequest request, String owner, List<StageOutcome> outcomes, String passphrase) {
        JsonObject body = request.body();
        JsonObject results = new JsonObject();
        JsonArray runs = new JsonArray();
        String failure = null;
        for (StageOutcome o : outcomes) {
            results.put(o.stageName(), o.result());
            if (o.errorReason() != null && failure == null) failure = o.stageName() + ": " + o.errorReason();
            if (o.snapshot() != null) {
                runs.add(new JsonObject().put("stageId", o.stage().getString("id")).put("stageName", o.stageName())
                    .put("snapshot", o.snapshot()).put("created", o.created()));
            }
        }
        JsonObject doc = new JsonObject().put("id", id).put("name", request.name() == null ? id : request.name())
            .put("description", body.getValue("description", "")).put("destinationStages", new JsonArray(request.stageIds()))
            .put("valueSubstitution", body.getValue("valueSubstitution", new JsonArray()))
            .put("promotedAssets", body.getJsonObject("promotedAssets").copy()).put("creationTime", Timestamps.now())
            .put("owner", owner).put("status", failure == null ? StageOutcome.SUCCESS : StageOutcome.FAILED);
        if (failure != null) doc.put("errorReason", failure);
        doc.put("promotionResults", results).put("includeApis", bool(body, "includeApis"))
            .put("includeApplications", request.includeApplications()).put("includeSubscriptions", bool(body, "includeSubscriptions"));
        if (!runs.isEmpty()) doc.put(PRIVATE, new JsonObject().put("passphrase", passphrase).put("stages", runs));
        return doc;
    }

    private static boolean bool(JsonObject body, String key) {
        return Boolean.TRUE.equals(dev.apigw.emulator.model.Lenient.bool(body.getValue(key)));
    }

    /** The promotion as clients see it. */
    public static JsonObject view(JsonObject stored) {
        JsonObject out = stored.copy();
        out.remove(PRIVATE);
        return out;
    }

    static boolean rollbackable(JsonObject stored) {
        return stored.getValue(PRIVATE) instanceof JsonObject p && !p.getJsonArray("stages", new JsonArray()).isEmpty();
    }

    static String passphrase(JsonObject stored) {
        return stored.getJsonObject(PRIVATE).getString("passphrase");
    }

    static List<JsonObject> stageRuns(JsonObject stored) {
        List<JsonObject> out = new ArrayList<>();
        stored.getJsonObject(PRIVATE).getJsonArray("stages").forEach(o -> out.add((JsonObject) o));
        return out;
    }

    static JsonObject rolledBack(JsonObject stored, List<String> errors, String time) {
        JsonObject doc = stored.copy();
        JsonObject p = doc.getJsonObject(PRIVATE);
        p.put("status", errors.isEmpty() ? StageOutcome.SUCCESS : StageOutcome.FAILED).put("lastRollbackTime", time);
        if (errors.isEmpty()) p.remove("errorReason");
        else p.put("errorReason", String.join("; ", errors));
        return doc;
    }

    /** The product's {@code Rollback} of a promotion that reached at least one stage. */
    public static JsonObject rollbackView(JsonObject stored) {
        JsonObject p = stored.getJsonObject(PRIVATE);
        JsonObject out = new JsonObject().put("id", stored.getString("id")).put("name", stored.getValue("name"))
            .put("description", stored.getValue("description", "")).put("promotionId", stored.getString("id"))
            .put("promotedBy", stored.getValue("owner")).put("promotionTime", stored.getValue("creationTime"))
            .put("includeRegisteredApplications", true);
        if (p.getValue("status") != null) out.put("status", p.getValue("status")).put("lastRollbackTime", p.getValue("lastRollbackTime"));
        if (p.getValue("errorReason") != null) out.put("errorReason", p.getValue("errorReason"));
        return out;
    }

    /** Forgets the rollback (DELETE /rollback/{id}); the promotion stays. */
    static JsonObject withoutRollback(JsonObject stored) {
        JsonObject doc = stored.copy();
        doc.remove(PRIVATE);
        return doc;
    }
}
