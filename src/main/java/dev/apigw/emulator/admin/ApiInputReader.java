package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.ImportedDefinition;
import dev.apigw.emulator.catalog.DefinitionImporter;
import dev.apigw.emulator.catalog.ApiInput;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an API create/update request: JSON ({@code apiName}, {@code type}, {@code apiDefinition} inline as an
 * object or as JSON/YAML text, or {@code url}) or multipart ({@code file} plus the same fields as form attributes).
 */
final class ApiInputReader {
    private static final Set<String> SUPPORTED = Set.of("openapi", "swagger");
    private static final List<String> TEXT_FIELDS = List.of("apiName", "apiVersion", "apiDescription", "type", "url");
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("raml", "wsdl", "odata", "graphql", "asyncapi");
    private final Vertx vertx;
    private final DefinitionImporter importer;

    ApiInputReader(Vertx vertx, DefinitionImporter importer) {
        this.vertx = vertx;
        this.importer = importer;
    }

    Future<ApiInput> read(RoutingContext ctx, JsonObject existing) {
        String contentType = ctx.request().getHeader("Content-Type");
        // overwriteTags: only "true" replaces the tags of an API updated from a URL or file (clients send "null")
        boolean overwriteTags = "true".equalsIgnoreCase(String.valueOf(ctx.queryParams().get("overwriteTags")).trim());
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return fromForm(ctx, existing).map(in -> ApiUpdates.keepTags(in, existing, overwriteTags));
        }
        JsonObject body = Bodies.json(ctx);
        boolean inline = body.getValue("apiDefinition") != null;
        return fromJson(body, existing).map(in -> {
            ApiInput out = inline ? in : ApiUpdates.keepTags(in, existing, overwriteTags);
            return existing == null ? out : ApiUpdates.withExtras(out, body);
        });
    }

    private Future<ApiInput> fromForm(RoutingContext ctx, JsonObject existing) {
        var form = ctx.request().formAttributes();
        FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
        if (file == null) throw missing();
        String type = checkType(form.get("type"), existing);
        return vertx.fileSystem().readFile(file.uploadedFileName())
            .compose(buf -> importer.parse(buf.toString()))
            .map(def -> input(form.get("apiName"), form.get("apiVersion"), form.get("apiDescription"), def, existing, type));
    }

    private Future<ApiInput> fromJson(JsonObject body, JsonObject existing) {
        checkFields(body, existing);
        String type = checkType(str(body, "type"), existing);
        Object definition = body.getValue("apiDefinition");
        String url = body.getValue("url") instanceof String s && !s.isBlank() ? s : null;
        Future<ImportedDefinition> parsed;
        if (definition instanceof JsonObject obj && existing != null && !obj.containsKey("openapi") && !obj.containsKey("swagger")) {
            // the product's own form of a definition (an API imported from a real gateway, PUT back whole): kept as is
            parsed = Future.succeededFuture(productForm(obj, existing));
        } else if (definition instanceof JsonObject obj) parsed = importer.parse(obj.encode());
        else if (definition instanceof String text && !text.isBlank()) parsed = importer.parse(text);
        else if (url != null) parsed = importer.fromUrl(url);
        else if (existing != null && definition == null) parsed = Future.succeededFuture(current(existing));
        else throw missing();
        return parsed.map(def -> input(str(body, "apiName"), str(body, "apiVersion"), str(body, "apiDescription"), def,
            existing, type));
    }

    private static ApiInput input(String name, String version, String description, ImportedDefinition def,
                                  JsonObject existing, String type) {
        String apiName = firstNonBlank(name, existing == null ? null : existing.getString("apiName"));
        if (apiName == null) throw missing();
        String apiVersion = firstNonBlank(version, existing == null ? null : existing.getString("apiVersion"), def.version(), "1.0");
        String desc = firstNonBlank(description, existing == null ? null : existing.getString("apiDescription"), def.description());
        // firstNonBlank never returns a blank value, so "no description anywhere" is null here: store it as ""
        return new ApiInput(apiName, apiVersion, desc == null ? "" : desc, def);
    }

    private static ImportedDefinition productForm(JsonObject document, JsonObject existing) {
        ImportedDefinition now = current(existing);
        return new ImportedDefinition(document, now.serverUrl(), now.title(), now.version(), now.description());
    }

    /** An update without a new definition keeps the stored one. */
    private static ImportedDefinition current(JsonObject existing) {
        var eps = existing.getJsonArray("nativeEndpoint");
        String uri = eps == null || eps.isEmpty() ? "" : eps.getJsonObject(0).getString("uri", "");
        JsonObject stored = existing.getValue("apiDefinition") instanceof JsonObject d ? d : new JsonObject();
        return new ImportedDefinition(stored, uri,
            existing.getString("apiName"), existing.getString("apiVersion"), existing.getString("apiDescription", ""));
    }

    private static String checkType(String type, JsonObject existing) {
        if (type == null || type.isBlank()) {
            if (existing != null) return "openapi";
            throw missing();
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (t.equals("rest")) return "openapi";
        if (SUPPORTED.contains(t)) return t;
        if (KNOWN_UNSUPPORTED.contains(t)) {
            throw GatewayException.admin(400, "TYPE_UNSUPPORTED", "API type " + type + " is not supported by the emulator; use openapi or swagger");
        }
        throw GatewayException.admin(400, "TYPE_INVALID", "Invalid API type " + type + "; expected openapi or swagger");
    }

    private static GatewayException missing() {
        return GatewayException.admin(400, "MANDATORY_FIELD_MISSING", "Unable to process the request. The mandatory fields "
            + "apiName, type and one of file, url or apiDefinition must be provided.");
    }

    /**
     * Text fields must be strings (an array as apiName would otherwise be stored as its JSON text), and an update must
     * carry something to update: a body with none of the API's fields is a mistake (often the wrong endpoint).
     */
    private static void checkFields(JsonObject body, JsonObject existing) {
        for (String key : TEXT_FIELDS) {
            Object v = body.getValue(key);
            if (v != null && !(v instanceof String)) throw GatewayException.invalidPayload("'" + key + "' must be a string");
        }
        if (existing != null && TEXT_FIELDS.stream().noneMatch(body::containsKey) && !body.containsKey("apiDefinition")) {
            throw GatewayException.invalidPayload("the body has none of the API fields apiName, apiVersion, apiDescription, "
                + "type, url or apiDefinition");
        }
    }

    private static String str(JsonObject body, String key) {
        return body.getValue(key) instanceof String s ? s : null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}
