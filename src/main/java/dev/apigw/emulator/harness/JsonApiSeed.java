package dev.apigw.emulator.harness;

import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.catalog.ApiInput;
import dev.apigw.emulator.catalog.DefinitionImporter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code *.json} seed files: each the body of {@code POST /rest/apigateway/apis} with the definition inline
 * ({@code apiName}, optional {@code apiVersion} and {@code apiDescription}, {@code apiDefinition} as an OpenAPI or
 * Swagger object or text), plus {@code "active": false} to leave the API inactive (seeded APIs are activated by
 * default). An API whose name and version exist already is left as it is, so a restart or a reset never duplicates it.
 */
public final class JsonApiSeed implements SeedImporter {
    private final Vertx vertx;
    private final ApiAssets apis;
    private final DefinitionImporter importer;

    public JsonApiSeed(Vertx vertx, ApiAssets apis, DefinitionImporter importer) {
        this.vertx = vertx;
        this.apis = apis;
        this.importer = importer;
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName().toString().endsWith(".json");
    }

    @Override
    public Future<JsonObject> importFile(Path file) {
        JsonObject report = new JsonObject().put("file", file.getFileName().toString());
        return vertx.executeBlocking(() -> new JsonObject(Files.readString(file))).compose(body -> {
            String name = body.getString("apiName");
            Object definition = body.getValue("apiDefinition");
            if (name == null || name.isBlank()) return Future.failedFuture(new IllegalArgumentException("no apiName"));
            if (definition == null) return Future.failedFuture(new IllegalArgumentException("no inline apiDefinition"));
            String text = definition instanceof JsonObject obj ? obj.encode() : String.valueOf(definition);
            return importer.parse(text).compose(def -> {
                String version = first(body.getString("apiVersion"), def.version(), "1.0");
                ApiInput in = new ApiInput(name, version, first(body.getString("apiDescription"), def.description(), ""), def);
                String label = name + " " + version;
                return exists(name, version).compose(found -> {
                    if (found) return Future.succeededFuture(report.put("skipped", new JsonArray().add(label + " exists")));
                    return apis.create(in).compose(api -> body.getBoolean("active", true)
                        ? apis.setActive(api.getString("id"), true) : Future.succeededFuture(api))
                        .map(api -> report.put("apis", new JsonArray().add(label)));
                });
            });
        });
    }

    private Future<Boolean> exists(String name, String version) {
        return apis.all().map(all -> all.stream()
            .anyMatch(a -> name.equals(a.getString("apiName")) && version.equals(a.getString("apiVersion"))));
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return "";
    }
}
