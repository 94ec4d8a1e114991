package dev.apigw.emulator.runtime;

import io.vertx.core.Future;

/**
 * One enforced policy action in an API's compiled chain. Runs on the request's event loop and must not block.
 * Succeed to continue; fail with {@link GatewayException} to stop the chain and answer with that error.
 * Never writes the response itself.
 */
public interface Policy {

    /** Kebab-case id used in logs and metric tags, e.g. {@code identify-authorize}. */
    String id();

    Future<Void> apply(Exchange exchange);
}
