package dev.apigw.emulator.metrics;

import io.vertx.core.Future;

/** A kind with nothing to flush on this node: the placeholder for {@code subscription_quota} until quotas exist. */
public record NoopFlushable(String kind) implements Flushable {
    @Override
    public Future<Integer> flush() {
        return Future.succeededFuture(0);
    }
}
