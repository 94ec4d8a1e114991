package dev.apigw.emulator.runtime;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a {@link PolicyFactory} may look up while a route table is compiled, besides the action and its API: the
 * aliases in force and the OAuth2 scope mappings. Immutable for one compilation; never used on the request path.
 */
public interface DesignTime {
    DesignTime NONE = new DesignTime() {
        @Override
        public String resolve(String text) {
            return text;
        }

        @Override
        public JsonObject alias(String name) {
            return null;
        }

        @Override
        public List<JsonObject> scopeMappings() {
            return List.of();
        }
    };

    /**
     * {@code text} with its {@code ${AliasName}} references replaced by the endpoint or simple aliases' values;
     * {@link IllegalArgumentException} when one names no such alias.
     */
    String resolve(String text);

    /** The alias in force for a name (written {@code ${Name}} or {@code Name}), or null. */
    JsonObject alias(String name);

    /** The gateway scope mappings ({@code /scopes}): {@code {scopeName, apiScopes[], requiredAuthScopes[]}}. */
    List<JsonObject> scopeMappings();
}
