package dev.apigw.emulator.policy;

import dev.apigw.emulator.auth.AppEntry;
import dev.apigw.emulator.auth.Identifier;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.Policy;
import io.vertx.core.Future;
import java.util.List;

/**
 * Identify &amp; Authorize ({@code evaluatePolicy}): finds the calling application by the configured rules and
 * rejects the request with the product's 401 "Unauthorized application request" when none qualifies. With OR the
 * first rule that identifies a usable application wins; with AND every rule must identify the same one. An
 * application qualifies when it is not suspended and, for a strict rule, is registered for the API.
 */
public final class IdentifyAuthorizePolicy implements Policy {
    /** One {@code IdentificationRule}: an identification type and whether the lookup is strict. */
    public record Rule(String type, boolean strict) {
    }

    static final GatewayException UNAUTHORIZED = new GatewayException(401, "APPLICATION_UNAUTHORIZED",
        "Unauthorized application request");

    private final Identifier identifier;
    private final List<Rule> rules;
    private final boolean and;
    private final boolean allowAnonymous;
    private final String upstreamHeader;

    public IdentifyAuthorizePolicy(Identifier identifier, List<Rule> rules, boolean and, boolean allowAnonymous) {
        this.identifier = identifier;
        this.rules = List.copyOf(rules);
        this.and = and;
        this.allowAnonymous = allowAnonymous;
        this.upstreamHeader = identifier.config().upstreamApplicationHeader();
    }

    @Override
    public String id() {
        return "identify-authorize";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        Future<AppEntry> found = and ? all(exchange, 0, null) : any(exchange, 0);
        return found.compose(app -> {
            if (app == null) return allowAnonymous ? Future.succeededFuture() : Future.failedFuture(UNAUTHORIZED);
            exchange.identify(app.id(), app.name());
            if (!upstreamHeader.isEmpty()) exchange.addUpstreamHeader(upstreamHeader, app.id());
            return Future.succeededFuture();
        });
    }

    private Future<AppEntry> any(Exchange exchange, int i) {
        if (i >= rules.size()) return Future.succeededFuture(null);
        Rule rule = rules.get(i);
        return identifier.identify(rule.type(), exchange).compose(app ->
            qualifies(app, rule, exchange) ? Future.succeededFuture(app) : any(exchange, i + 1));
    }

    /** Every rule must identify the same qualifying application; null as soon as one does not. */
    private Future<AppEntry> all(Exchange exchange, int i, AppEntry sofar) {
        if (i >= rules.size()) return Future.succeededFuture(sofar);
        Rule rule = rules.get(i);
        return identifier.identify(rule.type(), exchange).compose(app -> {
            if (!qualifies(app, rule, exchange) || sofar != null && !sofar.id().equals(app.id())) {
                return Future.succeededFuture(null);
            }
            return all(exchange, i + 1, app);
        });
    }

    private static boolean qualifies(AppEntry app, Rule rule, Exchange exchange) {
        return app != null && !app.suspended() && app.mayCall(exchange.api().id(), rule.strict());
    }
}
