package dev.apigw.emulator.rehearsal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * One virtual user of the built-in traffic: it calls its API on the old node until the old node refuses it (503
 * while draining, connection refused or closed once it stopped listening), then, as a load balancer would, sends
 * that call and every later one to the new node. An OAuth2 user holds a token per node, fetched from that node's
 * token endpoint and renewed at 80% of its lifetime. Runs on the traffic's event loop only (no locks).
 */
final class TrafficUser {
    private static final String API_KEY_HEADER = "x-Gateway-APIKey";

    private final DemoAssets.App app;
    private final boolean oauth;
    private final TrafficTransport wire;
    private final TrafficTally tally;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Long> renewAt = new HashMap<>();
    private final Map<String, Future<String>> fetching = new HashMap<>();
    private boolean moved;

    TrafficUser(DemoAssets.App app, boolean oauth, TrafficTransport wire, TrafficTally tally) {
        this.app = app;
        this.oauth = oauth;
        this.wire = wire;
        this.tally = tally;
    }

    /** Sends one call; completes when it has ended (served, or failed), never fails. */
    Future<Void> call() {
        tally.sent();
        Promise<Void> done = Promise.promise();
        if (moved) onNew(done);
        else onOld(done);
        return done.future();
    }

    private void onOld(Promise<Void> done) {
        credential(TrafficTally.OLD).onFailure(err -> {
            if (err instanceof Refused) move(done);
            else end(done, "token from the old node: " + err.getMessage());
        }).onSuccess(value -> wire.get(TrafficTally.OLD, app.api().path(), header(), value).onSuccess(r -> {
            if (r.quiesceRefusal()) {
                tally.refused("status503");
                move(done);
                return;
            }
            tally.answered(TrafficTally.OLD, app.api().name(), r.status());
            if (r.status() / 100 == 2) {
                tally.oldCall(r.startMicros(), r.endMicros());
                done.complete();
            } else {
                end(done, "old node answered " + r.status());
            }
        }).onFailure(err -> noAnswer(TrafficTally.OLD, err, done)));
    }

    private void onNew(Promise<Void> done) {
        credential(TrafficTally.NEW).onFailure(err -> end(done, "token from the new node: " + err.getMessage()))
            .onSuccess(value -> wire.get(TrafficTally.NEW, app.api().path(), header(), value).onSuccess(r -> {
                tally.answered(TrafficTally.NEW, app.api().name(), r.status());
                if (r.status() / 100 == 2) done.complete();
                else end(done, "new node answered " + r.status());
            }).onFailure(err -> noAnswer(TrafficTally.NEW, err, done)));
    }

    private void noAnswer(String node, Throwable err, Promise<Void> done) {
        TrafficTransport.NoAnswer kind = TrafficTransport.NoAnswer.of(err);
        if (node.equals(TrafficTally.OLD) && kind.refusal()) {
            tally.refused(kind.key);
            move(done);
            return;
        }
        if (kind == TrafficTransport.NoAnswer.TIMEOUT) tally.aborted(node, app.api().name());
        end(done, node + " node: " + (kind == TrafficTransport.NoAnswer.OTHER ? String.valueOf(err.getMessage()) : kind.key));
    }

    private void move(Promise<Void> done) {
        moved = true;
        onNew(done);
    }

    private void end(Promise<Void> done, String reason) {
        tally.failed(reason);
        done.complete();
    }

    private String header() {
        return oauth ? "Authorization" : API_KEY_HEADER;
    }

    /** The API key, or "Bearer" and a live token of that node (one fetch at a time per node). */
    private Future<String> credential(String node) {
        if (!oauth) return Future.succeededFuture(app.apiKey());
        String token = tokens.get(node);
        if (token != null && System.nanoTime() < renewAt.get(node)) return Future.succeededFuture("Bearer " + token);
        Future<String> pending = fetching.get(node);
        if (pending != null) return pending;
        Future<String> fetch = fetchToken(node).andThen(ar -> fetching.remove(node));
        fetching.put(node, fetch);
        return fetch;
    }

    private Future<String> fetchToken(String node) {
        return wire.token(node, app.clientId(), app.clientSecret()).recover(err -> {
            TrafficTransport.NoAnswer kind = TrafficTransport.NoAnswer.of(err);
            return Future.failedFuture(node.equals(TrafficTally.OLD) && kind.refusal() ? new Refused() : err);
        }).compose(r -> {
            if (node.equals(TrafficTally.OLD) && r.quiesceRefusal()) return Future.failedFuture(new Refused());
            if (r.status() != 200) return Future.failedFuture(new IllegalStateException("status " + r.status()));
            JsonObject body = new JsonObject(r.body());
            long lifetimeNanos = body.getLong("expires_in", 3600L) * 1_000_000_000L;
            tokens.put(node, body.getString("access_token"));
            renewAt.put(node, System.nanoTime() + lifetimeNanos * 8 / 10);
            tally.token(node);
            return Future.succeededFuture("Bearer " + body.getString("access_token"));
        }).onFailure(err -> {
            if (err instanceof Refused) tally.token("refusedByOld");
        });
    }

    /** The old node refused a token call the way it refuses API calls: go to the new node. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super("refused by the old node", null, false, false);
        }
    }
}
