package dev.apigw.emulator.policy;

import dev.apigw.emulator.auth.Identifier;
import dev.apigw.emulator.auth.ScopeRequirement;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.DesignTime;
import dev.apigw.emulator.runtime.Policy;
import dev.apigw.emulator.runtime.PolicyFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds {@link IdentifyAuthorizePolicy} from an {@code evaluatePolicy} action as the product exports it:
 * {@code parameters: [{"templateKey":"logicalConnector","values":["OR"]}, {"templateKey":"allowAnonymous",
 * "values":["false"]}, {"templateKey":"IdentificationRule","parameters":[{"templateKey":"applicationLookup",
 * "values":["strict"]}, {"templateKey":"identificationType","values":["apiKey"]}]}, ...]}}.
 */
public final class IdentifyAuthorizePolicyFactory implements PolicyFactory {
    public static final String TEMPLATE_KEY = "evaluatePolicy";
    static final Set<String> TYPES = Set.of("apiKey", "oAuth2Token", "jwtClaims", "httpBasicAuth", "hostNameAddress");
    static final Set<String> LOOKUPS = Set.of("strict", "open", "disabled");

    private final Identifier identifier;

    public IdentifyAuthorizePolicyFactory(Identifier identifier) {
        this.identifier = identifier;
    }

    @Override
    public String templateKey() {
        return TEMPLATE_KEY;
    }

    @Override
    public Policy create(JsonObject action, JsonObject api) {
        return create(action, api, DesignTime.NONE);
    }

    /** The API's gateway scope mappings decide which scopes an OAuth2 token must grant. */
    @Override
    public Policy create(JsonObject action, JsonObject api, DesignTime design) {
        try {
            ScopeRequirement scopes = api == null ? ScopeRequirement.NONE : ScopeRequirement.of(api, design.scopeMappings());
            return build(action, scopes);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("evaluatePolicy parameters are malformed: " + e.getMessage());
        }
    }

    /** Also the values the compile tolerates: allowAnonymous and applicationLookup must be ones the product knows. */
    @Override
    public void validate(JsonObject action) {
        JsonArray params = action.getJsonArray("parameters", new JsonArray());
        connector(params);
        rules(params);
        String anonymous = PolicyActions.value(params, "allowAnonymous", "false").trim();
        if (!anonymous.equalsIgnoreCase("true") && !anonymous.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("evaluatePolicy allowAnonymous must be true or false, was " + anonymous);
        }
        for (JsonObject rule : PolicyActions.parameters(params, "IdentificationRule")) {
            JsonArray inner = rule.getJsonArray("parameters", new JsonArray());
            String lookup = PolicyActions.value(inner, "applicationLookup", "strict").trim().toLowerCase();
            if (!LOOKUPS.contains(lookup)) {
                throw new IllegalArgumentException("evaluatePolicy applicationLookup must be one of " + LOOKUPS + ", was " + lookup);
            }
            for (String type : PolicyActions.values(inner, "identificationType")) {
                if (type.isBlank()) throw new IllegalArgumentException("evaluatePolicy identificationType is empty");
            }
        }
    }

    private IdentifyAuthorizePolicy build(JsonObject action, ScopeRequirement scopes) {
        JsonArray params = action.getJsonArray("parameters", new JsonArray());
        String connector = connector(params);
        boolean anonymous = Boolean.TRUE.equals(Lenient.bool(PolicyActions.value(params, "allowAnonymous", "false")));
        return new IdentifyAuthorizePolicy(identifier, rules(params), connector.equals("AND"), anonymous, scopes);
    }

    private static String connector(JsonArray params) {
        String connector = PolicyActions.value(params, "logicalConnector", "OR").trim().toUpperCase();
        if (!connector.equals("OR") && !connector.equals("AND")) {
            throw new IllegalArgumentException("evaluatePolicy logicalConnector must be OR or AND, was " + connector);
        }
        return connector;
    }

    /** Every IdentificationRule; one whose type the emulator cannot check never identifies (so it denies). */
    static List<IdentifyAuthorizePolicy.Rule> rules(JsonArray params) {
        List<IdentifyAuthorizePolicy.Rule> out = new ArrayList<>();
        for (JsonObject rule : PolicyActions.parameters(params, "IdentificationRule")) {
            JsonArray inner = rule.getJsonArray("parameters", new JsonArray());
            String lookup = PolicyActions.value(inner, "applicationLookup", "strict").trim();
            for (String type : PolicyActions.values(inner, "identificationType")) {
                out.add(new IdentifyAuthorizePolicy.Rule(type.trim(), !lookup.equalsIgnoreCase("open")));
            }
        }
        return out;
    }
}
