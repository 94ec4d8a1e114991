package dev.apigw.emulator.policy;

import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.DesignTime;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * "Outbound Authentication - Transport" ({@code outboundTransportAuthentication}, routing stage) with
 * {@code authType: ALIAS}: the {@code Authorization} header the backend receives comes from an HTTP transport
 * security alias, resolved when the route table is compiled (so an alias change applies to the next request):
 * {@code HTTP_BASIC} sends {@code Basic base64(userName:password)}, {@code OAUTH2} sends {@code Bearer <oauth2Token>};
 * passwords and tokens are stored base64 as the product stores them. Other auth types and incoming-credential modes
 * pass the client's headers through unchanged.
 */
public final class OutboundAuthPolicy implements Policy {
    private static final Future<Void> DONE = Future.succeededFuture();
    private final String authorization;

    OutboundAuthPolicy(String authorization) {
        this.authorization = authorization;
    }

    @Override
    public String id() {
        return "outbound-auth";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        exchange.addUpstreamHeader("Authorization", authorization);
        return DONE;
    }

    /** A policy that refuses every request because its alias cannot be found (a configuration error). */
    private record Broken(GatewayException error) implements Policy {
        @Override
        public String id() {
            return "outbound-auth";
        }

        @Override
        public Future<Void> apply(Exchange exchange) {
            return Future.failedFuture(error);
        }
    }

    /** Pass-through, for auth types the emulator does not translate. */
    private static final Policy PASS = new Policy() {
        @Override
        public String id() {
            return "outbound-auth";
        }

        @Override
        public Future<Void> apply(Exchange exchange) {
            return DONE;
        }
    };

    public static final class Factory implements PolicyFactory {
        public static final String TEMPLATE_KEY = "outboundTransportAuthentication";

        @Override
        public String templateKey() {
            return TEMPLATE_KEY;
        }

        @Override
        public Policy create(JsonObject action, JsonObject api) {
            return create(action, api, DesignTime.NONE);
        }

        @Override
        public Policy create(JsonObject action, JsonObject api, DesignTime design) {
            JsonObject security = PolicyActions.parameter(action.getJsonArray("parameters"), "transportSecurity");
            JsonArray params = security == null ? action.getJsonArray("parameters") : security.getJsonArray("parameters");
            if (!"ALIAS".equalsIgnoreCase(PolicyActions.value(params, "authType", "").trim())) return PASS;
            String name = PolicyActions.value(params, "alias", "");
            JsonObject alias = design.alias(name);
            if (alias == null || !"httpTransportSecurityAlias".equals(alias.getString("type"))) {
                return new Broken(new GatewayException(500, "ALIAS_NOT_FOUND", "The HTTP transport security alias " + name
                    + " of the outbound authentication does not exist"));
            }
            String header = authorization(alias);
            return header == null ? PASS : new OutboundAuthPolicy(header);
        }

        static String authorization(JsonObject alias) {
            String type = alias.getString("authType", "").toUpperCase(Locale.ROOT);
            if (type.equals("HTTP_BASIC") && alias.getValue("httpAuthCredentials") instanceof JsonObject c) {
                String pair = c.getString("userName", "") + ":" + decoded(c.getValue("password"));
                return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            }
            if (type.equals("OAUTH2") && alias.getValue("oauth2Token") instanceof String token && !token.isBlank()) {
                return "Bearer " + decoded(token);
            }
            return null;
        }

        /** The product stores these secrets base64; a value that is not base64 is taken as it is. */
        private static String decoded(Object value) {
            String s = value == null ? "" : value.toString();
            try {
                return new String(Base64.getDecoder().decode(s.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
    }
}
