package dev.apigw.emulator.policy;

import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.BodyCapture;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * "Log Invocation" ({@code logInvocation}, stage Traffic Monitoring): asks the transactional event of each request to
 * carry the request and/or response payload ({@code storeRequestPayload}, {@code storeResponsePayload}) and headers
 * ({@code storeRequestHeaders}, {@code storeResponseHeaders}), as {@code logGenerationFrequency} says (Always,
 * On Failure, On Success). Payloads are tee'd while they stream, up to {@code events.maxPayloadBytes} each. The
 * transactional event itself is recorded for every request, with or without this policy; other parameters
 * ({@code storeAsZip}, {@code destination}) are kept in the store but change nothing here.
 */
public final class LogInvocationPolicy implements Policy {
    public static final String TEMPLATE_KEY = "logInvocation";
    private static final Future<Void> GO_ON = Future.succeededFuture();
    private final BodyCapture.Settings settings;

    LogInvocationPolicy(BodyCapture.Settings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "log-invocation";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        if (exchange.capture() == null) exchange.capture(new BodyCapture(settings)); // the first such action decides
        return GO_ON;
    }

    /** Builds the policy from the action's string parameters ("true"/"false"); absent ones store nothing. */
    public static final class Factory implements PolicyFactory {
        private final int maxPayloadBytes;

        public Factory(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
        }

        @Override
        public String templateKey() {
            return TEMPLATE_KEY;
        }

        @Override
        public Policy create(JsonObject action, JsonObject api) {
            JsonArray p = action.getJsonArray("parameters");
            return new LogInvocationPolicy(new BodyCapture.Settings(flag(p, "storeRequestPayload"),
                flag(p, "storeResponsePayload"), flag(p, "storeRequestHeaders"), flag(p, "storeResponseHeaders"),
                maxPayloadBytes, when(PolicyActions.value(p, "logGenerationFrequency", "Always"))));
        }

        private static boolean flag(JsonArray parameters, String key) {
            return "true".equalsIgnoreCase(PolicyActions.value(parameters, key, "false").trim());
        }

        /** {@code Always}, {@code On Failure}, {@code On Success}, however spaced or cased; anything else: always. */
        static BodyCapture.When when(String frequency) {
            String f = frequency.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
            return switch (f) {
                case "onfailure" -> BodyCapture.When.ON_FAILURE;
                case "onsuccess" -> BodyCapture.When.ON_SUCCESS;
                default -> BodyCapture.When.ALWAYS;
            };
        }
    }
}
