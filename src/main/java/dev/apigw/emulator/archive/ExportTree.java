package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The assets of one export, placed where the product's layout puts them: policies and their actions under the API
 * (or plan) that owns them, global policies under {@code Global Policy}, the rest at the top level. Built by
 * {@link ExportResolver}, written by {@link ArchiveWriter}; confined to the worker thread of one export.
 */
final class ExportTree {
    record PolicyNode(JsonObject policy, List<JsonObject> actions) {
    }

    /** An API, its policies, and the exported applications registered to it. */
    record ApiNode(JsonObject api, List<PolicyNode> policies, List<JsonObject> applications) {
    }

    record PlanNode(JsonObject plan, List<PolicyNode> policies) {
    }

    final List<ApiNode> apis = new ArrayList<>();
    final List<PolicyNode> globalPolicies = new ArrayList<>();
    final List<PolicyNode> policies = new ArrayList<>();
    final List<JsonObject> actions = new ArrayList<>();
    final List<JsonObject> applications = new ArrayList<>();
    final List<JsonObject> aliases = new ArrayList<>();
    final List<PlanNode> plans = new ArrayList<>();
    final List<JsonObject> packages = new ArrayList<>();
    final List<JsonObject> settings = new ArrayList<>();
    final List<JsonObject> strategies = new ArrayList<>();
    final List<JsonObject> scopes = new ArrayList<>();
    final List<JsonObject> users = new ArrayList<>();
    final List<JsonObject> groups = new ArrayList<>();
    final List<JsonObject> profiles = new ArrayList<>();
}
