package dev.apigw.emulator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and building policy documents: {@code {"id","names","policyEnforcements":[{"enforcements":
 * [{"enforcementObjectId","order"}],"stageKey"}],"policyScope":"SERVICE|GLOBAL","global","active","systemPolicy"}}.
 */
public final class Policies {
    /** Stages in the order a request passes them; routing comes last because it is the forward itself. */
    public static final List<String> STAGE_ORDER = List.of("threatProtection", "transport", "IAM", "LMT",
        "requestPayloadProcessing", "routing", "responseProcessing", "responseFaultProcessing");

    private Policies() {
    }

    public static JsonObject serviceDefault(String id, String apiName, String transportActionId, String routingActionId) {
        JsonArray enforcements = new JsonArray()
            .add(stage("transport", transportActionId))
            .add(stage("routing", routingActionId));
        return new JsonObject().put("id", id)
            .put("names", Names.of("Default Policy for API " + apiName, "English"))
            .put("descriptions", Names.of("", "English"))
            .put("policyEnforcements", enforcements)
            .put("policyScope", "SERVICE").put("global", false).put("active", false).put("systemPolicy", false);
    }

    private static JsonObject stage(String stageKey, String actionId) {
        return new JsonObject().put("stageKey", stageKey).put("enforcements", new JsonArray()
            .add(new JsonObject().put("enforcementObjectId", actionId).putNull("order")));
    }

    /** The policy action ids enforced in one stage, in order. */
    public static List<String> actionIds(JsonObject policy, String stageKey) {
        List<String> ids = new ArrayList<>();
        JsonArray stages = policy.getJsonArray("policyEnforcements");
        if (stages == null) return ids;
        for (Object s : stages) {
            if (!(s instanceof JsonObject st) || !stageKey.equalsIgnoreCase(st.getString("stageKey", ""))) continue;
            JsonArray enforcements = st.getJsonArray("enforcements");
            if (enforcements == null) continue;
            for (Object e : enforcements) {
                if (e instanceof JsonObject en && en.getString("enforcementObjectId") != null) {
                    ids.add(en.getString("enforcementObjectId"));
                }
            }
        }
        return ids;
    }

    /** Every policy action id the policy refers to, whatever the stage. */
    public static List<String> allActionIds(JsonObject policy) {
        List<String> ids = new ArrayList<>();
        JsonArray stages = policy.getJsonArray("policyEnforcements");
        if (stages == null) return ids;
        for (Object s : stages) {
            if (s instanceof JsonObject st) ids.addAll(actionIds(policy, st.getString("stageKey", "")));
        }
        return ids;
    }

    /**
     * Every action id the policy refers to, or none when the stored policy is malformed: for scans over all policies
     * (deletes, searches), where one bad document must not fail the whole request.
     */
    public static List<String> referencedActionIds(JsonObject policy) {
        try {
            return allActionIds(policy);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public static boolean isGlobal(JsonObject policy) {
        return "GLOBAL".equalsIgnoreCase(Docs.text(policy, "policyScope", "")) || Docs.flag(policy, "global", false);
    }

    /** Adds an action to a stage of the policy, creating the stage when needed. */
    public static void enforce(JsonObject policy, String stageKey, String actionId) {
        JsonArray stages = policy.getJsonArray("policyEnforcements");
        if (stages == null) policy.put("policyEnforcements", stages = new JsonArray());
        for (Object s : stages) {
            if (s instanceof JsonObject st && stageKey.equalsIgnoreCase(st.getString("stageKey", ""))) {
                if (st.getJsonArray("enforcements") == null) st.put("enforcements", new JsonArray());
                st.getJsonArray("enforcements")
                    .add(new JsonObject().put("enforcementObjectId", actionId).putNull("order"));
                return;
            }
        }
        stages.add(stage(stageKey, actionId));
    }
}
