package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} admin requests in progress per client address; one more is refused with 429 and
 * {@code Retry-After: 1} before anything is read. One instance for every event loop of the main port: counts are
 * shared, each address's entry disappears when its last request ends, so the map holds only addresses with requests
 * in progress.
 */
final class ClientConcurrency implements Handler<RoutingContext> {
    private final int limit;
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();

    ClientConcurrency(int limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        boolean[] admitted = new boolean[1];
        inProgress.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < limit;
            return admitted[0] ? now + 1 : (n == null ? null : n);
        });
        if (!admitted[0]) {
            ctx.fail(new GatewayException(429, "TOO_MANY_ADMIN_REQUESTS", "Too many admin requests in progress from this "
                + "client (at most " + limit + " at once)", Map.of("Retry-After", "1")));
            return;
        }
        ctx.addEndHandler(ar -> inProgress.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1));
        ctx.next();
    }

    /** Clients with requests in progress (for tests). */
    int clients() {
        return inProgress.size();
    }
}
