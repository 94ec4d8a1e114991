package dev.apigw.emulator;

import dev.apigw.emulator.metrics.Flushable;
import dev.apigw.emulator.quiesce.QuiesceReport;
import dev.apigw.emulator.quiesce.QuiesceState;
import dev.apigw.emulator.ratelimit.RateLimitService;
import dev.apigw.emulator.store.AssetStore;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A test's view of a node's internals, which production code never reaches through the node. */
public final class NodeProbe {
    private final GatewayNode.Internals internals;

    private NodeProbe(GatewayNode node) {
        this.internals = node.internals();
    }

    public static NodeProbe of(GatewayNode node) {
        return new NodeProbe(node);
    }

    public AssetStore store() {
        return internals.store();
    }

    public int inFlight() {
        return internals.admission().inFlight();
    }

    public QuiesceState quiesceState() {
        return internals.quiesce().snapshot().state();
    }

    /** The body {@code GET /quiescemode} would answer now. */
    public JsonObject quiesceView() {
        return QuiesceReport.json(internals.quiesce().snapshot(), inFlight());
    }

    public RateLimitService rateLimits() {
        return internals.rateLimits();
    }

    public dev.apigw.emulator.store.QuotaCounterStore quotaCounters() {
        return internals.quotaCounters();
    }

    public List<Flushable> flushables() {
        return internals.flushables();
    }
}
