package dev.apigw.emulator.support;

import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A test stand-in policy ({@code "templateKey": "testIdentify"}): the application is whatever the {@code X-Test-App}
 * header names, so throttle and quota tests can choose the consumer per request. Give it to a node with
 * {@code @GatewayIT(policies = HeaderIdentification.class)}.
 */
public final class HeaderIdentification implements PolicyFactory {

    @Override
    public String templateKey() {
        return "testIdentify";
    }

    @Override
    public Policy create(JsonObject action, JsonObject api) {
        return new Policy() {
            @Override
            public String id() {
                return "test-identify";
            }

            @Override
            public Future<Void> apply(Exchange exchange) {
                String app = exchange.request().getHeader("X-Test-App");
                if (app != null) exchange.identify(app, app);
                return Future.succeededFuture();
            }
        };
    }
}
