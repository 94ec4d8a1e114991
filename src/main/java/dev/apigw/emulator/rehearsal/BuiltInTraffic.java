package dev.apigw.emulator.rehearsal;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in generator: calls at a constant arrival rate (an open model: a call is sent when it is due, whatever
 * the others are doing), spread round-robin over the virtual users, half of them on the API-key API and half on the
 * OAuth2 API. Everything runs on one event loop of its own: a 5 ms timer sends the calls due, the users' state needs
 * no locks. It ends at its duration or later, once {@link #release released}; then it sends no more and waits for
 * the last answer: it never abandons a call.
 */
final class BuiltInTraffic implements Traffic {
    private final Vertx vertx;
    private final TrafficTransport wire;
    private final TrafficTally tally = new TrafficTally();
    private final List<TrafficUser> users = new ArrayList<>();
    private final int rate;
    private final long durationNanos;
    /** When to stop sending, in nanoseconds from the start: unknown (never) until released. */
    private volatile long endNanos = Long.MAX_VALUE;
    private final Path resultDir;
    private final Promise<Void> finished = Promise.promise();
    private Instant startedAt;
    private long startNanos;
    private long issued;
    private long ended;
    private boolean stopped;

    BuiltInTraffic(Vertx vertx, RehearsalOptions options, int oldPort, int newPort, DemoAssets.Assets assets, Path resultDir) {
        this.vertx = vertx;
        // the nodes answer within their backend timeout (30 s) or refuse: a minute is never the traffic's impatience
        this.wire = new TrafficTransport(vertx, oldPort, newPort, 60_000, Math.max(64, options.rate() / 5));
        this.rate = options.rate();
        this.durationNanos = Duration.ofSeconds(options.durationSec()).toNanos();
        this.resultDir = resultDir;
        for (int i = 0; i < options.users(); i++) {
            boolean oauth = i % 2 == 1;
            users.add(new TrafficUser(oauth ? assets.oauthApp() : assets.keyApp(), oauth, wire, tally));
        }
    }

    @Override
    public void start() {
        Context loop = vertx.getOrCreateContext();
        Promise<Void> running = Promise.promise();
        loop.runOnContext(v -> {
            startedAt = Instant.now();
            startNanos = System.nanoTime();
            vertx.setPeriodic(0, 5, this::tick);
            running.complete();
        });
        Sync.await(running.future(), Duration.ofSeconds(10), "starting the traffic");
    }

    private void tick(long timerId) {
        long elapsed = System.nanoTime() - startNanos;
        long end = endNanos;
        long due = (long) ((double) Math.min(elapsed, end) * rate / 1_000_000_000L);
        while (issued < due) {
            TrafficUser user = users.get((int) (issued % users.size()));
            issued++;
            user.call().onComplete(ar -> {
                ended++;
                if (stopped && ended == issued) finished.tryComplete();
            });
        }
        if (elapsed >= end) {
            stopped = true; // every call due until the end was sent
            tally.ranFor((end / 1_000_000));
            vertx.cancelTimer(timerId);
            if (ended == issued) finished.tryComplete();
        }
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public void release(Instant notBefore) {
        long asked = Math.max(durationNanos, Duration.between(startedAt, notBefore).toNanos());
        endNanos = endNanos == Long.MAX_VALUE ? asked : Math.max(endNanos, asked); // a release only ever moves the end later
    }

    @Override
    public TrafficTally finish() {
        if (endNanos == Long.MAX_VALUE) release(startedAt);
        Sync.await(finished.future(), Duration.ofNanos(endNanos).plusMinutes(3), "the traffic");
        Sync.await(wire.close(), Duration.ofSeconds(10), "closing the traffic's connections");
        tally.write(resultDir);
        return tally;
    }
}
