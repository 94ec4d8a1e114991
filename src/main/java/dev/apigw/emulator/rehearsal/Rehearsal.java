package dev.apigw.emulator.rehearsal;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rehearsal, start to end: the topology, the demo assets on the old node, the traffic, and while it runs the
 * runbook's steps (quiesce port, clean, quiesce design time, reindex core, transform, a probe and warm-up of the new
 * node; at half time quiesce all, its webhook, reindex logsevents, stop the old node). After the traffic: the new node's quota usage, a final flush of
 * the new node (quiesce all) and its published metrics; then the report. Runs on the calling thread.
 */
final class Rehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(Rehearsal.class);
    static final String QUIESCE_ALL_EVENT = "migration:quiesce:all:completed";

    private final RehearsalOptions options;
    private final StepLog steps = new StepLog();
    private final UpgradeSteps runbook = new UpgradeSteps(Topology.USER, Topology.PASSWORD);
    private final RehearsalReport report;
    private final Path dir;

    Rehearsal(RehearsalOptions options) {
        this.options = options;
        this.dir = resultDir(options.results());
        this.report = new RehearsalReport(options, dir);
    }

    /** Runs the rehearsal and writes its report; the report says whether it passed. */
    RehearsalReport run() {
        Instant began = Instant.now();
        try (Topology t = Topology.start(options, dir)) {
            report.topology(t);
            DemoAssets.Assets assets = register(t);
            TrafficTally probes = new TrafficTally();
            Probes.run(t.oldAdmin(), TrafficTally.OLD, assets, probes);
            Traffic traffic = options.gatling() ? new GatlingTraffic(options, t.oldNode.port(), t.newNode.port(), assets, dir)
                : new BuiltInTraffic(t.vertx, options, t.oldNode.port(), t.newNode.port(), assets, dir);
            traffic.start();
            LOG.info("traffic started: {} calls/s for {} s ({} users, {})", options.rate(), options.durationSec(),
                options.users(), options.gatling() ? "Gatling" : "built-in generator");
            JsonObject oldPublished = new JsonObject();
            boolean upgraded;
            try {
                upgraded = runbook(t, traffic, assets, probes, oldPublished);
            } finally {
                traffic.release(Instant.now());
            }
            TrafficTally tally = traffic.finish();
            if (traffic instanceof GatlingTraffic g) report.gatling(g.exitStatus(), g.htmlReport());
            report.traffic(tally, probes);
            if (upgraded) afterTraffic(t, assets, tally, probes, oldPublished);
        } catch (StepLog.Failed e) {
            report.failed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("the rehearsal stopped", e);
            report.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        report.finish(steps, began);
        return report;
    }

    private DemoAssets.Assets register(Topology t) {
        DemoAssets.Assets[] assets = new DemoAssets.Assets[1];
        steps.run("register the demo assets on the old node", () -> {
            assets[0] = new DemoAssets(t.oldAdmin()).register(t.backend.url());
            return new JsonObject().put("apis", List.of(assets[0].keyApp().api().name(), assets[0].oauthApp().api().name()))
                .put("applications", List.of(assets[0].keyApp().name(), assets[0].oauthApp().name()))
                .put("planId", assets[0].planId());
        });
        steps.run("webhook on the old node for the quiesce events", () -> runbook.webhook(t.oldAdmin(), t.hooks.url(),
            "migration:quiesce:designtime:completed", QUIESCE_ALL_EVENT));
        return assets[0];
    }

    /** The runbook while traffic runs; false when a step failed (the traffic then runs out on the old node). */
    private boolean runbook(Topology t, Traffic traffic, DemoAssets.Assets assets, TrafficTally probes,
                            JsonObject oldPublished) {
        Instant trafficStart = traffic.startedAt();
        long durationMs = options.durationSec() * 1000L;
        try {
            waitUntil(trafficStart.plusMillis(Math.max(1000, durationMs * 15 / 100)));
            steps.run("set up the quiesce port on the old node", () -> runbook.quiescePort(t.oldAdmin(), t.oldQuiescePort));
            report.migration("clean", steps.run("clean the new node", () -> runbook.clean(t.newAdmin())));
            steps.run("quiesce the old node for design time", () -> runbook.designTime(t.oldAdmin(), true));
            report.migration("reindex core", steps.run("reindex core on the new node from " + t.coreSource(),
                () -> runbook.reindex(t.newAdmin(), "core", t.coreSource())));
            report.migration("transform", steps.run("transform on the new node", () -> runbook.transform(t.newAdmin())));
            probeNewNode(t, assets, probes);
            waitUntil(trafficStart.plusMillis(durationMs / 2));
            Instant asked = Instant.now();
            // the new node serves at least a quarter of the duration, however long the steps above took
            traffic.release(asked.plusMillis(Math.max(2000, durationMs / 4)));
            steps.run("quiesce the old node for all (flush, drain, block)", () -> runbook.quiesceAll(t.oldAdmin()));
            JsonObject event = steps.run("wait for " + QUIESCE_ALL_EVENT, () -> {
                WebhookReceiver.Delivery d = t.hooks.await(QUIESCE_ALL_EVENT, asked, Duration.ofMinutes(2));
                if (d == null) throw new IllegalStateException("no " + QUIESCE_ALL_EVENT + " within 2 minutes");
                return d.body().put("receivedAt", d.receivedAt().toString());
            });
            report.oldQuiesce(steps.run("read the old node's published metrics and, once its main port closed, its receipt", () -> {
                oldPublished.put(Reconciliation.PERFORMANCE, runbook.published(t.oldQuiesce(), Reconciliation.PERFORMANCE));
                oldPublished.put(Reconciliation.LICENSE, runbook.published(t.oldQuiesce(), Reconciliation.LICENSE));
                return runbook.listenerClosed(t.oldQuiesce(), Duration.ofSeconds(30));
            }), event);
            report.migration("reindex logsevents", steps.run("reindex logsevents on the new node from " + t.logsEventsSource(),
                () -> runbook.reindex(t.newAdmin(), "logsevents", t.logsEventsSource())));
            steps.run("stop the old node (SIGTERM)", () -> stop(t.oldNode));
            return true;
        } catch (StepLog.Failed e) {
            report.failed(e.getMessage());
            return false;
        }
    }

    /** Proof that the migration carried APIs, applications and credentials, before any traffic moves; then the warm-up. */
    private void probeNewNode(Topology t, DemoAssets.Assets assets, TrafficTally probes) {
        int warmUp = options.warmUpCalls();
        steps.run("probe the new node" + (warmUp > 0 ? ", then warm it up with " + warmUp + " calls (slow start)"
            : ": each migrated API serves its migrated credential"), () -> {
            Probes.run(t.newAdmin(), TrafficTally.NEW, assets, probes);
            return warmUp == 0 ? new JsonObject().put("calls", 0)
                : WarmUp.run(t.vertx, t.oldNode.port(), t.newNode.port(), assets, warmUp, probes);
        });
    }

    private void afterTraffic(Topology t, DemoAssets.Assets assets, TrafficTally tally, TrafficTally probes,
                              JsonObject oldPublished) {
        List<DemoAssets.App> apps = List.of(assets.keyApp(), assets.oauthApp());
        List<JsonObject> usages = apps.stream().map(app -> steps.run("quota usage of " + app.name() + " on the new node",
            () -> runbook.usage(t.newAdmin(), app.id()))).toList();
        steps.run("flush the new node: quiesce it for all", () -> runbook.quiesceAll(t.newAdmin()));
        steps.run("wait until the new node's quiesce port reports it quiesced", () -> runbook.quiesced(t.newQuiesce(), Duration.ofMinutes(2)));
        JsonObject newPublished = steps.run("read the new node's published metrics on its quiesce port", () -> new JsonObject()
            .put(Reconciliation.PERFORMANCE, runbook.published(t.newQuiesce(), Reconciliation.PERFORMANCE))
            .put(Reconciliation.LICENSE, runbook.published(t.newQuiesce(), Reconciliation.LICENSE)));
        steps.run("stop the new node (SIGTERM)", () -> stop(t.newNode));
        Reconciliation r = new Reconciliation(tally, probes);
        report.reconciliation(r.apis(apps, oldPublished, newPublished), r.quotas(apps, usages));
        report.webhooks(t.hooks.received());
    }

    private static JsonObject stop(NodeProcess node) {
        int status = node.terminate(Duration.ofSeconds(60));
        if (status != 0) throw new IllegalStateException(node + " exited with status " + status + "; see " + node.log());
        return new JsonObject().put("exitStatus", status);
    }

    private static void waitUntil(Instant at) {
        Sync.pause(Duration.between(Instant.now(), at).toMillis());
    }

    private static Path resultDir(Path root) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = root.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) dir = root.resolve(stamp + "-" + i);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
