package dev.apigw.emulator.policy;

import dev.apigw.emulator.auth.AppEntry;
import dev.apigw.emulator.auth.Identifier;
import dev.apigw.emulator.auth.ScopeRequirement;
import dev.apigw.emulator.runtime.Exchange;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.runtime.Policy;
import io.vertx.core.Future;
import java.util.List;

/**
 * Identify &amp; Authorize ({@code evaluatePolicy}): finds the calling application by the configured rules and
 * rejects the request with the product's 401 "Unauthorized application request" when none qualifies. With OR the
 * first rule that identifies a usable application wins; with AND every rule must identify the same one. An
 * application qualifies when it is not suspended and, for a strict rule, is registered for the API. An OAuth2 token
 * identifies only when it grants a scope that the gateway scope mappings require for the called resource.
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
    private final ScopeRequirement scopes;

    public IdentifyAuthorizePolicy(Identifier identifier, List<Rule> rules, boolean and, boolean allowAnonymous) {
        this(identifier, rules, and, allowAnonymous, ScopeRequirement.NONE);
    }

    /** @param scopes the OAuth2 scopes a token must grant on this API's resources (from the gateway scope mappings) */
    public IdentifyAuthorizePolicy(Identifier identifier, List<Rule> rules, boolean and, boolean allowAnonymous,
                                   ScopeRequirement scopes) {
        this.identifier = identifier;
        this.rules = List.copyOf(rules);
        this.and = and;
        this.allowAnonymous = allowAnonymous;
        this.upstreamHeader = identifier.config().upstreamApplicationHeader();
        this.scopes = scopes;
    }

    @Override
    public String id() {
        return "identify-authorize";
    }

    @Override
    public Future<Void> apply(Exchange exchange) {
        Future<AppEntry> found = find(exchange, 0, null);
        if (found.succeeded()) return decide(exchange, found.result()); // the usual case: no further allocation
        return found.compose(app -> decide(exchange, app));
    }

    private Future<Void> decide(Exchange exchange, AppEntry app) {
        if (app == null) return allowAnonymous ? Future.succeededFuture() : Future.failedFuture(UNAUTHORIZED);
        exchange.identify(app.id(), app.name());
        if (!upstreamHeader.isEmpty()) exchange.addUpstreamHeader(upstreamHeader, app.id());
        return Future.succeededFuture();
    }

    /**
     * Walks the rules from {@code i}. Identification by API key, Basic or host completes at once, so the loop stays
     * synchronous; only a rule whose answer is pending (a token not yet cached) continues asynchronously.
     * OR: the first qualifying application. AND: the application every rule agrees on, else null.
     */
    private Future<AppEntry> find(Exchange exchange, int i, AppEntry agreed) {
        for (; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Future<AppEntry> next = identifier.identify(rule.type(), exchange, scopes);
            if (!next.isComplete()) {
                int from = i;
                AppEntry sofar = agreed;
                return next.compose(app -> step(exchange, rule, app, sofar)
                    ? find(exchange, from + 1, and ? app : null) : Future.succeededFuture(and ? null : app));
            }
            if (next.failed()) return next;
            AppEntry app = next.result();
            boolean ok = qualifies(app, rule, exchange) && (agreed == null || agreed.id().equals(app.id()));
            if (and && !ok) return Future.succeededFuture(null);
            if (!and && ok) return Future.succeededFuture(app);
            if (and) agreed = app;
        }
        return Future.succeededFuture(agreed);
    }

    /** Async twin of one loop iteration: true means "go on with the next rule". */
    private boolean step(Exchange exchange, Rule rule, AppEntry app, AppEntry agreed) {
        boolean ok = qualifies(app, rule, exchange) && (agreed == null || agreed.id().equals(app.id()));
        return and ? ok : !ok;
    }

    private static boolean qualifies(AppEntry app, Rule rule, Exchange exchange) {
        return app != null && !app.suspended() && app.mayCall(exchange.api().id(), rule.strict());
    }
}
