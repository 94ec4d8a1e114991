package dev.apigw.emulator.catalog;

import io.vertx.core.json.JsonObject;

/**
 * An OpenAPI or Swagger definition that parsed cleanly: the document as JSON (what the API stores and returns), its
 * first server URL (the native endpoint; empty when the definition has none) and its info block.
 */
public record ImportedDefinition(JsonObject document, String serverUrl, String title, String version, String description) {
}
