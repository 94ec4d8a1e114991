package dev.apigw.emulator.lifecycle;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs deployments on the node's own context. Vert.x makes a verticle deployed from inside another verticle its
 * child, undeployed with it; the main port's and the quiesce port's verticles deploy each other's successors
 * (setQuiescePort runs on the main port, setActiveMode on the quiesce port), so both deploy from a context that
 * belongs to no verticle: the one {@code Main.start} was called on.
 */
public final class Contexts {
    private Contexts() {
    }

    public static <T> Future<T> on(Context home, Supplier<Future<T>> action) {
        Promise<T> done = Promise.promise();
        home.runOnContext(v -> action.get().onComplete(done));
        return done.future();
    }
}
