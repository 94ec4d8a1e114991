package dev.apigw.emulator.rehearsal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rehearsal's report, filled in as it runs, then judged and written as {@code report.json} and {@code report.md}
 * in the result directory. It passes when every step succeeded, no call failed, and every total reconciles (and,
 * with Gatling, its assertions held). The benchmark's figures (quiesce all against the longest call in flight + 200
 * ms, the whole rehearsal's time) are reported beside the verdict, not part of it.
 */
final class RehearsalReport {
    static final long QUIESCE_MARGIN_MS = 200;

    private final JsonObject json = new JsonObject();
    private final List<String> reasons = new ArrayList<>();
    private final Path dir;
    private JsonObject oldMode;
    private TrafficTally tally;

    RehearsalReport(RehearsalOptions o, Path dir) {
        this.dir = dir;
        json.put("startedAt", Instant.now().toString()).put("topology", o.redis() ? "redis" : "embedded")
            .put("generator", o.gatling() ? "gatling" : "built-in")
            .put("parameters", new JsonObject().put("rate", o.rate()).put("durationSec", o.durationSec())
                .put("users", o.users()).put("tokenTtlSec", o.tokenTtlSec()).put("nodeInstances", o.nodeInstances()));
    }

    void topology(Topology t) {
        json.put("nodes", new JsonObject()
            .put("old", new JsonObject().put("port", t.oldNode.port()).put("quiescePort", t.oldQuiescePort)
                .put("store", t.store(TrafficTally.OLD)).put("log", "old-node.log"))
            .put("new", new JsonObject().put("port", t.newNode.port()).put("quiescePort", t.newQuiescePort)
                .put("store", t.store(TrafficTally.NEW)).put("log", "new-node.log")));
    }

    void migration(String action, JsonObject status) {
        json.put("migration", json.getJsonObject("migration", new JsonObject()).put(action, status));
    }

    void oldQuiesce(JsonObject mode, JsonObject webhook) {
        this.oldMode = mode;
        json.put("quiesceAll", new JsonObject().put("webhook", new JsonObject().put("event", webhook.getString("event"))
            .put("timestamp", webhook.getString("timestamp")).put("receivedAt", webhook.getString("receivedAt")))
            .put("receipt", mode.getJsonObject("receipt")));
    }

    void traffic(TrafficTally traffic, TrafficTally probes) {
        this.tally = traffic;
        json.put("traffic", traffic.toJson().put("probes", probes.toJson().getJsonObject("responses")));
        if (traffic.failedCount() > 0) reasons.add(traffic.failedCount() + " calls failed");
        if (traffic.served(TrafficTally.NEW) == 0) reasons.add("the new node served no call: the traffic ended before the old node was quiesced");
    }

    void gatling(int exitStatus, String htmlReport) {
        json.put("gatling", new JsonObject().put("exitStatus", exitStatus).put("htmlReport", htmlReport));
        if (exitStatus != 0) reasons.add("Gatling's assertions failed (exit status " + exitStatus + ")");
    }

    void reconciliation(JsonArray apis, JsonArray quotas) {
        boolean ok = !apis.isEmpty() && !quotas.isEmpty() && all(apis) && all(quotas);
        json.put("reconciliation", new JsonObject().put("ok", ok).put("apis", apis).put("quotas", quotas));
        if (!ok) reasons.add("the totals do not reconcile");
    }

    void webhooks(List<WebhookReceiver.Delivery> received) {
        JsonArray out = new JsonArray();
        received.forEach(d -> out.add(new JsonObject().put("event", d.event()).put("receivedAt", d.receivedAt().toString())));
        json.put("webhooks", out);
    }

    void failed(String reason) {
        if (!reasons.contains(reason)) reasons.add(reason);
    }

    /** Judges, adds the benchmark's figures, writes report.json and report.md. */
    void finish(StepLog steps, Instant began) {
        json.put("steps", steps.toJson());
        if (!json.containsKey("reconciliation") && reasons.isEmpty()) reasons.add("no reconciliation was made");
        if (!steps.allOk() && reasons.isEmpty()) reasons.add("a step failed");
        long elapsedMs = Duration.between(began, Instant.now()).toMillis();
        json.put("elapsedMs", elapsedMs).put("result", passed() ? "PASS" : "FAIL").put("reasons", new JsonArray(reasons));
        json.put("benchmark", benchmark(elapsedMs));
        try {
            Files.writeString(dir.resolve("report.json"), json.encodePrettily());
            Files.writeString(dir.resolve("report.md"), ReportMarkdown.render(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quiesce all within the longest call in flight at its request + 200 ms; the rehearsal under 2 minutes. */
    private JsonObject benchmark(long elapsedMs) {
        JsonObject out = new JsonObject().put("elapsedMs", elapsedMs).put("under2Minutes", elapsedMs < 120_000);
        if (oldMode == null || tally == null) return out;
        JsonObject receipt = oldMode.getJsonObject("receipt", new JsonObject());
        Instant requested = UpgradeSteps.at(receipt, "requested");
        Instant quiesced = UpgradeSteps.at(receipt, "quiesced");
        if (requested == null || quiesced == null) return out;
        long micros = requested.getEpochSecond() * 1_000_000 + requested.getNano() / 1000;
        double longest = tally.longestInFlightMs(micros);
        double took = Duration.between(requested, quiesced).toNanos() / 1e6;
        Instant closed = UpgradeSteps.at(receipt, "listenerClosed");
        if (closed != null) out.put("listenerClosedMs", round(Duration.between(requested, closed).toNanos() / 1e6));
        return out.put("quiesceAllMs", round(took)).put("longestInFlightMs", round(longest))
            .put("boundMs", round(longest + QUIESCE_MARGIN_MS)).put("quiesceWithinBound", took <= longest + QUIESCE_MARGIN_MS);
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static boolean all(JsonArray rows) {
        return rows.stream().allMatch(r -> ((JsonObject) r).getBoolean("ok", false));
    }

    boolean passed() {
        return reasons.isEmpty();
    }

    JsonObject json() {
        return json;
    }

    Path dir() {
        return dir;
    }

    String markdown() {
        return ReportMarkdown.render(json);
    }
}
