package dev.apigw.emulator.catalog;

/** A create or update request for an API, after its definition was read and parsed. */
public record ApiInput(String apiName, String apiVersion, String apiDescription, ImportedDefinition definition) {
}
