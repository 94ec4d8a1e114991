package dev.apigw.emulator.policy;

import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Require HTTP / HTTPS" ({@code entryProtocolPolicy}, transport stage): a request arriving over a protocol the
 * action does not list is refused with the product's "Transport protocol not supported" (400).
 */
public final class EntryProtocolPolicy implements Policy {
    private static final Future<Void> REFUSED = Future.failedFuture(new GatewayException(400, "PROTOCOL_NOT_SUPPORTED",
        "Transport protocol not supported"));
    private final boolean http;
    private final boolean https;

    EntryProtocolPolicy(Set<String> protocols) {
        this.http = protocols.contains("http");
        this.https = protocols.contains("https");
    }

    @Override
    public String id() {
        return "entry-protocol";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        boolean secure = exchange.request().isSSL();
        return (secure ? https : http) ? Future.succeededFuture() : REFUSED;
    }

    /** Builds the policy from {@code parameters: [{"templateKey":"protocol","values":["http","https"]}]}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String templateKey() {
            return PolicyActions.ENTRY_PROTOCOL;
        }

        @Override
        public void validate(JsonObject action) {
            for (String p : PolicyActions.values(action.getJsonArray("parameters"), "protocol")) {
                String v = p.trim().toLowerCase(Locale.ROOT);
                if (!v.equals("http") && !v.equals("https")) {
                    throw new IllegalArgumentException("entryProtocolPolicy protocol must be http or https, was " + p);
                }
            }
        }

        @Override
        public Policy create(JsonObject action, JsonObject api) {
            Set<String> protocols = PolicyActions.values(action.getJsonArray("parameters"), "protocol").stream()
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            // an action without a protocol list restricts nothing, as an unset policy would
            return new EntryProtocolPolicy(protocols.isEmpty() ? Set.of("http", "https") : protocols);
        }
    }
}
