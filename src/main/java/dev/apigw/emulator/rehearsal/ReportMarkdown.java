package dev.apigw.emulator.rehearsal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The report for a release manager: the JSON report as Markdown, the verdict first. */
final class ReportMarkdown {
    private static final String[] PHASES = {"requested", "flushed", "draining", "drained", "finalFlush", "quiesced", "listenerClosed"};

    private ReportMarkdown() {
    }

    static String render(JsonObject r) {
        StringBuilder md = new StringBuilder();
        JsonObject p = r.getJsonObject("parameters");
        md.append("# Zero-downtime upgrade rehearsal: ").append(r.getString("result")).append("\n\n");
        md.append(r.getString("startedAt")).append(" · ").append(r.getString("topology")).append(" topology · ")
            .append(r.getString("generator")).append(" traffic · ").append(p.getInteger("rate")).append(" calls/s for ")
            .append(p.getInteger("durationSec")).append(" s · ").append(p.getInteger("users")).append(" virtual users · ")
            .append(String.format(Locale.ROOT, "%.1f s in all", r.getLong("elapsedMs", 0L) / 1000.0)).append("\n\n");
        for (Object reason : r.getJsonArray("reasons", new JsonArray())) md.append("- **").append(reason).append("**\n");
        traffic(md, r.getJsonObject("traffic"));
        quiesce(md, r.getJsonObject("quiesceAll"), r.getJsonObject("benchmark"));
        migration(md, r.getJsonObject("migration"));
        reconciliation(md, r.getJsonObject("reconciliation"));
        steps(md, r.getJsonArray("steps"));
        md.append("\nFiles beside this report: `report.json`, `traffic.json`, `old-calls.csv`, `old-node.log`, `new-node.log`");
        if (r.containsKey("gatling")) md.append(", `gatling.log`; Gatling's HTML report: ").append(r.getJsonObject("gatling").getString("htmlReport"));
        return md.append(".\n").toString();
    }

    private static void traffic(StringBuilder md, JsonObject t) {
        if (t == null) return;
        JsonObject refused = t.getJsonObject("refusedByOld");
        long refusedAll = refused.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        md.append("\n## Traffic\n\n| calls | count |\n|---|---:|\n")
            .append(row("sent", t.getLong("sent"))).append(row("served by the old node", t.getLong("servedOld")))
            .append(row("served by the new node", t.getLong("servedNew")))
            .append(row("refused by the old node, then served or failed on the new node (" + detail(refused) + ")", refusedAll))
            .append(row("**failed** (" + (t.getJsonObject("failures").isEmpty() ? "none" : detail(t.getJsonObject("failures"))) + ")",
                t.getLong("failed")));
        md.append("\nCalls were sent for ").append(t.getLong("ranForMs", 0L) / 1000.0)
            .append(" s (the duration asked, or longer when the steps before quiesce all ran late). OAuth2 tokens fetched: ").append(detail(t.getJsonObject("tokens"))).append(". Probes (the old node before the traffic, the new node after the migration, with its warm-up calls; counted by the nodes like the traffic's): ")
            .append(t.getJsonObject("probes").encode()).append(".\n");
    }

    private static void quiesce(StringBuilder md, JsonObject q, JsonObject bench) {
        if (q == null) return;
        JsonObject phases = q.getJsonObject("receipt").getJsonObject("phases");
        Instant requested = Instant.parse(phases.getJsonObject("requested").getString("at"));
        md.append("\n## Quiesce all on the old node (its receipt)\n\n| phase | at | +ms | facts |\n|---|---|---:|---|\n");
        for (String name : PHASES) {
            JsonObject ph = phases.getJsonObject(name);
            if (ph == null) continue;
            JsonObject facts = ph.copy();
            facts.remove("at");
            md.append("| ").append(name).append(" | ").append(ph.getString("at")).append(" | ")
                .append(Duration.between(requested, Instant.parse(ph.getString("at"))).toMillis()).append(" | ")
                .append(facts.isEmpty() ? "" : facts.encode()).append(" |\n");
        }
        md.append("\nFlushed: ");
        for (Object f : q.getJsonObject("receipt").getJsonArray("flushed")) {
            JsonObject fl = (JsonObject) f;
            md.append(fl.getString("kind")).append(" ").append(fl.getInteger("count")).append(" (").append(fl.getInteger("flushes"))
                .append(" flushes) ");
        }
        md.append("\n\n`").append(q.getJsonObject("webhook").getString("event")).append("` received at ")
            .append(q.getJsonObject("webhook").getString("receivedAt")).append(".\n");
        if (bench != null && bench.containsKey("quiesceAllMs")) {
            md.append("\nQuiesce all took ").append(bench.getDouble("quiesceAllMs")).append(" ms; the longest call in flight at the request ")
                .append("had ").append(bench.getDouble("longestInFlightMs")).append(" ms left; bound (+200 ms) ")
                .append(bench.getDouble("boundMs")).append(" ms: ").append(bench.getBoolean("quiesceWithinBound") ? "within" : "**over**")
                .append(bench.containsKey("listenerClosedMs") ? "; its main port closed " + bench.getDouble("listenerClosedMs")
                    + " ms after the request (after quiesced: no request was admitted meanwhile)" : "")
                .append(". The whole rehearsal took ").append(bench.getLong("elapsedMs") / 1000.0).append(" s.\n");
        }
    }

    private static void migration(StringBuilder md, JsonObject m) {
        if (m == null) return;
        md.append("\n## Migration on the new node\n\n| action | status | counts |\n|---|---|---|\n");
        m.forEach(e -> {
            JsonObject s = (JsonObject) e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(s.getString("status")).append(" | ")
                .append(s.getJsonObject("counts", new JsonObject()).encode()).append(" |\n");
        });
    }

    private static void reconciliation(StringBuilder md, JsonObject rec) {
        if (rec == null) return;
        md.append("\n## Reconciliation: ").append(rec.getBoolean("ok") ? "every total matches" : "**MISMATCH**").append("\n\n")
            .append("Per API: what the old node published = the calls it answered; what the new node holds after reindex logsevents ")
            .append("and its final flush = the calls both answered (performance count / license transactions).\n\n")
            .append("| API | served old | served new | answered old + new | old published | new node total | new node's own | ok |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Object o : rec.getJsonArray("apis")) {
            JsonObject a = (JsonObject) o;
            md.append("| ").append(a.getString("api")).append(" | ").append(a.getLong("servedOld")).append(" | ").append(a.getLong("servedNew"))
                .append(" | ").append(a.getLong("answeredOld")).append(" + ").append(a.getLong("answeredNew"))
                .append(" | ").append(a.getLong("oldPerformance")).append(" / ").append(a.getLong("oldLicense"))
                .append(" | ").append(a.getLong("newPerformance")).append(" / ").append(a.getLong("newLicense"))
                .append(" | ").append(a.getLong("newOwnPerformance")).append(" / ").append(a.getLong("newOwnLicense"))
                .append(" | ").append(a.getBoolean("ok") ? "yes" : "**no**").append(" |\n");
        }
        md.append("\nQuota counters carried over (usage on the new node after reindex logsevents):\n\n")
            .append("| application | quota | served by both nodes | successCount | failureCount | ok |\n|---|---|---:|---:|---:|---|\n");
        for (Object o : rec.getJsonArray("quotas")) {
            JsonObject q = (JsonObject) o;
            md.append("| ").append(q.getString("application")).append(" | ").append(q.getString("quota")).append(" | ")
                .append(q.getLong("servedByBoth")).append(" | ").append(q.getLong("successCount")).append(" | ")
                .append(q.getLong("failureCount")).append(" | ").append(q.getBoolean("ok") ? "yes" : "**no**").append(" |\n");
        }
    }

    private static void steps(StringBuilder md, JsonArray steps) {
        md.append("\n## Steps\n\n| step | started | ms | outcome |\n|---|---|---:|---|\n");
        for (Object o : steps) {
            JsonObject s = (JsonObject) o;
            md.append("| ").append(s.getString("name")).append(" | ").append(s.getString("startedAt")).append(" | ")
                .append(s.getLong("ms")).append(" | ").append(s.getString("outcome"))
                .append("ok".equals(s.getString("outcome")) ? "" : ": " + s.getJsonObject("detail").getString("error")).append(" |\n");
        }
    }

    private static String row(String label, Long n) {
        return "| " + label + " | " + String.format(Locale.ROOT, "%,d", n == null ? 0 : n) + " |\n";
    }

    private static String row(String label, long n) {
        return row(label, Long.valueOf(n));
    }

    private static String detail(JsonObject counts) {
        if (counts == null || counts.isEmpty()) return "none";
        StringBuilder s = new StringBuilder();
        counts.forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue()));
        return s.toString();
    }
}
