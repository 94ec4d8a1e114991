package dev.apigw.emulator.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/**
 * The compiled, ordered policies of one API. Runs them one after another and stops at the first failure. Policies
 * that complete synchronously (most do) are chained without allocating, which keeps the hot path cheap.
 */
public final class PolicyChain {
    public static final PolicyChain EMPTY = new PolicyChain(List.of());
    private final Policy[] policies;

    public PolicyChain(List<Policy> policies) {
        this.policies = policies.toArray(new Policy[0]);
    }

    public int size() {
        return policies.length;
    }

    public List<String> ids() {
        return java.util.Arrays.stream(policies).map(Policy::id).toList();
    }

    public Future<Void> execute(Exchange exchange) {
        return run(exchange, 0);
    }

    private Future<Void> run(Exchange exchange, int from) {
        for (int i = from; i < policies.length; i++) {
            Policy policy = policies[i];
            Future<Void> f = apply(policy, exchange);
            if (f.succeeded()) continue;
            if (f.failed()) {
                exchange.refusedBy(policy.id());
                return f;
            }
            int next = i + 1;
            Promise<Void> done = Promise.promise();
            f.onComplete(ar -> {
                if (ar.failed()) {
                    exchange.refusedBy(policy.id());
                    done.fail(ar.cause());
                } else {
                    run(exchange, next).onComplete(done);
                }
            });
            return done.future();
        }
        return Future.succeededFuture();
    }

    /** A policy that throws instead of failing its future must not escape into the handler (the request would hang). */
    private static Future<Void> apply(Policy policy, Exchange exchange) {
        try {
            Future<Void> f = policy.apply(exchange);
            return f == null ? Future.failedFuture(new IllegalStateException(policy.id() + " returned no future")) : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
