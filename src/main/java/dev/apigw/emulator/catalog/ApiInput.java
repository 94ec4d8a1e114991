package dev.apigw.emulator.catalog;

import io.vertx.core.json.JsonObject;

/**
 * A create or update request for an API, after its definition was read and parsed.
 *
 * @param extras API-level fields a whole-API update carries besides the definition ({@code scopes}, {@code apiGroups},
 *               {@code maturityState}, ...), merged into the stored API; empty for a create
 */
public record ApiInput(String apiName, String apiVersion, String apiDescription, ImportedDefinition definition,
                       JsonObject extras) {

    public ApiInput(String apiName, String apiVersion, String apiDescription, ImportedDefinition definition) {
        this(apiName, apiVersion, apiDescription, definition, new JsonObject());
    }
}
