package dev.apigw.emulator.rehearsal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The new node's slow start, before traffic moves to it: a fixed number of calls through the migrated APIs with the
 * migrated credentials, a few at a time. On one small machine the switch otherwise meets a cold JIT: the new node
 * compiles its request path while it takes over the whole rate, and the CPU this takes is missing on the old node,
 * whose drain and final flush then run late. A load balancer's slow start, or an operator's smoke test of the new
 * cluster, does the same. Every call is a runtime call the new node counts, so the answers go to the probes' tally.
 * Runs on one event loop; {@link #run} waits for it on the rehearsal's thread.
 */
final class WarmUp {
    private static final int IN_FLIGHT = 8;

    private final TrafficTransport wire;
    private final List<DemoAssets.App> apps;
    private final TrafficTally probes;
    private final int calls;
    private final Promise<JsonObject> done = Promise.promise();
    private final Map<String, Integer> notServed = new TreeMap<>();
    private String bearer;
    private int issued;
    private int ended;

    private WarmUp(TrafficTransport wire, DemoAssets.Assets assets, int calls, TrafficTally probes) {
        this.wire = wire;
        this.apps = List.of(assets.keyApp(), assets.oauthApp());
        this.calls = calls;
        this.probes = probes;
    }

    /** Sends {@code calls} calls to the new node; fails when one is not served. Blocks the calling (non-Vert.x) thread. */
    static JsonObject run(Vertx vertx, int oldPort, int newPort, DemoAssets.Assets assets, int calls, TrafficTally probes) {
        TrafficTransport wire = new TrafficTransport(vertx, oldPort, newPort, 60_000, IN_FLIGHT);
        try {
            WarmUp w = new WarmUp(wire, assets, calls, probes);
            vertx.runOnContext(v -> w.start());
            return Sync.await(w.done.future(), Duration.ofMinutes(5), "warming up the new node");
        } finally {
            Sync.await(wire.close(), Duration.ofSeconds(10), "closing the warm-up's connections");
        }
    }

    private void start() {
        DemoAssets.App oauth = apps.get(1);
        wire.token(TrafficTally.NEW, oauth.clientId(), oauth.clientSecret()).onComplete(ar -> {
            if (ar.failed() || ar.result().status() != 200) {
                done.fail("the new node's token endpoint did not answer 200: "
                    + (ar.failed() ? ar.cause().getMessage() : ar.result().status() + " " + ar.result().body()));
                return;
            }
            bearer = "Bearer " + new JsonObject(ar.result().body()).getString("access_token");
            for (int i = 0; i < Math.min(IN_FLIGHT, calls); i++) next();
            if (calls == 0) finish();
        });
    }

    private void next() {
        DemoAssets.App app = apps.get(issued++ % apps.size());
        boolean key = app == apps.get(0);
        Future<TrafficTransport.Reply> call = wire.get(TrafficTally.NEW, app.api().path(),
            key ? "x-Gateway-APIKey" : "Authorization", key ? app.apiKey() : bearer);
        call.onComplete(ar -> {
            ended++;
            if (ar.succeeded()) {
                probes.answered(TrafficTally.NEW, app.api().name(), ar.result().status());
                if (ar.result().status() != 200) notServed.merge(String.valueOf(ar.result().status()), 1, Integer::sum);
            } else {
                notServed.merge(TrafficTransport.NoAnswer.of(ar.cause()).key, 1, Integer::sum);
            }
            if (issued < calls) next();
            else if (ended == calls) finish();
        });
    }

    private void finish() {
        if (!notServed.isEmpty()) {
            done.fail("the new node did not serve every warm-up call: " + notServed);
            return;
        }
        done.complete(new JsonObject().put("calls", calls).put("inFlight", IN_FLIGHT));
    }
}
