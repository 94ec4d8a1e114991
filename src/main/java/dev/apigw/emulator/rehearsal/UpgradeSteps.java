package dev.apigw.emulator.rehearsal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The documented steps of the zero-downtime upgrade (the vendor's runbook, docs/migration.md), each one call or a
 * few to the nodes' public admin API: the quiesce port, clean, quiesce for design time, reindex, transform, quiesce
 * for all. Answers are checked and returned for the report.
 */
final class UpgradeSteps {
    static final String BASE = DemoAssets.BASE;
    static final JsonArray FLUSH_ALL = new JsonArray().add("license_metrics").add("performance_metrics").add("subscription_quota");
    private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(5);

    private final String username;
    private final String password;

    UpgradeSteps(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** The vendor's three calls: define the port in WmRoot, enable it, make it the quiesce port. */
    JsonObject quiescePort(NodeClient node, int port) {
        node.expect(HttpMethod.POST, BASE + "/ports", new JsonObject().put("factoryKey", "webMethods/HTTP")
            .put("pkg", "WmRoot").put("port", String.valueOf(port)).put("portAlias", "QuiescePort"), 200, 201);
        node.expect(HttpMethod.PUT, BASE + "/ports/enable", new JsonObject().put("listenerKey", "HTTPListener@" + port)
            .put("pkg", "WmRoot").put("requestServiceStatus", ""), 200);
        node.expect(HttpMethod.PUT, "/invoke/wm.server.quiesce/setQuiescePort", new JsonObject().put("portAlias", "QuiescePort"), 200);
        return new JsonObject().put("quiescePort", port);
    }

    JsonObject webhook(NodeClient node, String url, String... events) {
        JsonArray list = new JsonArray();
        for (String e : events) list.add(e);
        return node.expect(HttpMethod.POST, BASE + "/webhooks", new JsonObject().put("config", new JsonObject().put("url", url))
            .put("events", list).put("active", true), 200, 201);
    }

    JsonObject designTime(NodeClient node, boolean enable) {
        return node.expect(HttpMethod.PUT, BASE + "/quiescemode", new JsonObject().put("enable", enable).put("block", "designtime"), 200);
    }

    JsonObject clean(NodeClient node) {
        return migrate(node, new JsonObject().put("action", "clean"));
    }

    JsonObject transform(NodeClient node) {
        return migrate(node, new JsonObject().put("action", "transform"));
    }

    /** Reindex from a gateway URL (with the old node's administrator) or from a redis:// URL. */
    JsonObject reindex(NodeClient node, String indicesType, String sourceUrl) {
        JsonObject source = new JsonObject().put("url", sourceUrl);
        if (!sourceUrl.startsWith("redis")) source.put("username", username).put("password", password);
        return migrate(node, new JsonObject().put("action", "reindex").put("indicesType", indicesType)
            .put("sourceElasticsearch", source));
    }

    /** Starts the action and polls its status until it settles; fails the step unless it ends in success. */
    private JsonObject migrate(NodeClient node, JsonObject body) {
        String action = body.getString("action");
        node.expect(HttpMethod.POST, BASE + "/migration", body, 201, 202);
        JsonObject[] last = new JsonObject[1];
        boolean settled = Sync.poll(MIGRATION_TIMEOUT, 50, () -> {
            last[0] = node.expect(HttpMethod.GET, BASE + "/migration/status?action=" + action, null, 200);
            return !"in progress".equals(last[0].getString("status"));
        });
        if (!settled) throw new IllegalStateException(action + " still in progress after " + MIGRATION_TIMEOUT.toMinutes() + " min");
        if (!"success".equals(last[0].getString("status"))) {
            throw new IllegalStateException(action + " ended in " + last[0].getString("status") + ": " + last[0].getString("failureReason"));
        }
        return last[0];
    }

    /** Asks for quiesce all (flush every kind, drain, block); returns the answer, the mode then runs in the background. */
    JsonObject quiesceAll(NodeClient node) {
        return node.expect(HttpMethod.PUT, BASE + "/quiescemode", new JsonObject().put("enable", true).put("block", "all")
            .put("flush", FLUSH_ALL), 200);
    }

    /**
     * Waits for quiesce all to complete as the runbook says, on the quiesce port: its health stops answering 200;
     * then returns the quiesce mode with its receipt (read there too).
     */
    JsonObject quiesced(NodeClient quiescePort, Duration timeout) {
        boolean done = Sync.poll(timeout, 20, () -> quiescePort.anonymous(HttpMethod.GET, BASE + "/health", null).status() != 200);
        if (!done) throw new IllegalStateException("the quiesce port's health still answers 200 after " + timeout.toSeconds() + " s");
        return mode(quiescePort);
    }

    /**
     * The quiesce mode once the receipt records the main port closed: it closes after {@code quiesced}, which the
     * quiesce all does not wait for (see {@code QuiesceSequence}).
     */
    JsonObject listenerClosed(NodeClient quiescePort, Duration timeout) {
        JsonObject[] mode = new JsonObject[1];
        boolean closed = Sync.poll(timeout, 20, () -> {
            mode[0] = mode(quiescePort);
            JsonObject receipt = mode[0].getJsonObject("receipt");
            return receipt != null && receipt.getJsonObject("phases", new JsonObject()).containsKey("listenerClosed");
        });
        if (!closed) throw new IllegalStateException("the old node's main port not closed " + timeout.toSeconds() + " s after quiesce all");
        return mode[0];
    }

    JsonObject mode(NodeClient node) {
        return node.expect(HttpMethod.GET, BASE + "/quiescemode", null, 200);
    }

    /** Published records of one kind ({@code performance_metrics}, {@code license_metrics}). */
    JsonObject published(NodeClient node, String kind) {
        return node.expect(HttpMethod.GET, BASE + "/metrics/published?kind=" + kind, null, 200);
    }

    JsonObject usage(NodeClient node, String applicationId) {
        return node.expect(HttpMethod.GET, BASE + "/subscriptions/" + applicationId + "/usage", null, 200);
    }

    static Instant at(JsonObject receipt, String phase) {
        JsonObject p = receipt.getJsonObject("phases", new JsonObject()).getJsonObject(phase);
        return p == null ? null : Instant.parse(p.getString("at"));
    }
}
