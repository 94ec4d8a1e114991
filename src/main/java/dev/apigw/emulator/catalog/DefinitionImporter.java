package dev.apigw.emulator.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.apigw.emulator.config.DefinitionImportConfig;
import dev.apigw.emulator.runtime.GatewayException;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses OpenAPI 3 and Swagger 2 definitions (JSON or YAML) with the swagger-parser library, on a worker pool
 * because parsing is CPU-heavy. Remote {@code $ref}s are never resolved, so a definition cannot make the gateway
 * fetch arbitrary URLs; a definition given by {@code url} is downloaded with the non-blocking web client.
 */
public final class DefinitionImporter {
    static final int MAX_DEFINITION_CHARS = 64 * 1024 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(yamlLimits()).build());
    private final WorkerExecutor workers;
    private final DefinitionFetcher fetcher;
    private final int maxDepth;

    public DefinitionImporter(Vertx vertx, DefinitionImportConfig download, int maxDepth) {
        this.workers = vertx.createSharedWorkerExecutor("apigw-definition-parser", 2);
        this.fetcher = new DefinitionFetcher(vertx, download);
        this.maxDepth = maxDepth;
    }

    /** Downloads ({@link DefinitionFetcher}: bounded, checked per hop) then parses; failures are the client's (400). */
    public Future<ImportedDefinition> fromUrl(String url) {
        if (!isHttpUrl(url)) {
            return Future.failedFuture(GatewayException.invalidPayload("url must be an absolute http(s) URL"));
        }
        return fetcher.fetch(url).compose(this::parse);
    }

    /** Checked first because the web client throws, rather than fails, on a URL it cannot parse. */
    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Parses definition text, JSON or YAML. */
    public Future<ImportedDefinition> parse(String text) {
        if (text == null || text.isBlank()) return Future.failedFuture(GatewayException.invalidPayload("the API definition is empty"));
        return workers.executeBlocking(() -> parseNow(text, maxDepth), false);
    }

    static ImportedDefinition parseNow(String text) {
        return parseNow(text, JsonLimits.DEFAULT_MAX_DEPTH);
    }

    /** A definition nested deeper than {@code maxDepth} (YAML allows more than JSON bodies do) is refused. */
    static ImportedDefinition parseNow(String text, int maxDepth) {
        JsonObject document = readDocument(text);
        JsonLimits.checkDepth(document, maxDepth);
        if (!document.containsKey("openapi") && !document.containsKey("swagger")) {
            throw GatewayException.invalidPayload("the API definition is not an OpenAPI 3 or Swagger 2 document "
                + "(no 'openapi' or 'swagger' field)");
        }
        // the parser tolerates a non-object 'paths' with a warning, but resources are compiled from it
        if (document.getValue("paths") != null && !(document.getValue("paths") instanceof JsonObject)) {
            throw GatewayException.invalidPayload("the API definition's 'paths' must be an object");
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result;
        try {
            // the parser gets the document as JSON: its own YAML reader has SnakeYAML's default limits (nesting 50,
            // 3 MB) and on exceeding them silently drops parts of the definition, such as the servers
            result = new OpenAPIParser().readContents(document.encode(), null, options);
        } catch (RuntimeException e) {
            // the parser's own failure on a document it cannot handle is the definition's problem, not the server's
            throw GatewayException.invalidPayload("the API definition could not be parsed: " + e);
        }
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            throw GatewayException.invalidPayload("the API definition could not be parsed: " + result.getMessages());
        }
        Info info = api.getInfo() == null ? new Info() : api.getInfo();
        return new ImportedDefinition(document, serverUrl(api), nz(info.getTitle()), nz(info.getVersion()),
            nz(info.getDescription()));
    }

    /** JSON text with the JSON parser; anything else (or JSON-looking YAML flow style) with the YAML one. */
    @SuppressWarnings("unchecked")
    private static JsonObject readDocument(String text) {
        if (text.stripLeading().startsWith("{")) {
            try {
                return new JsonObject(text);
            } catch (DecodeException e) {
                // not JSON; YAML flow style may still read it
            }
        }
        try {
            Object tree = YAML.readValue(text, Object.class);
            if (!(tree instanceof Map)) throw GatewayException.invalidPayload("the API definition must be a JSON or YAML object");
            return new JsonObject((Map<String, Object>) tree);
        } catch (java.io.IOException e) {
            throw GatewayException.invalidPayload("the API definition is neither valid JSON nor valid YAML");
        }
    }

    /** SnakeYAML's defaults (3 MB, nesting 50) refuse large real-world definitions; the body limit bounds the size. */
    private static LoaderOptions yamlLimits() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DEFINITION_CHARS);
        options.setNestingDepthLimit(1_000);
        return options;
    }

    /** The first absolute server URL, with server variables replaced by their defaults. */
    static String serverUrl(OpenAPI api) {
        if (api.getServers() == null) return "";
        for (Server s : api.getServers()) {
            String url = s.getUrl();
            if (url == null) continue;
            if (s.getVariables() != null) {
                for (var v : s.getVariables().entrySet()) {
                    url = url.replace("{" + v.getKey() + "}", nz(v.getValue().getDefault()));
                }
            }
            // an undeclared variable leaves a '{name}' the gateway cannot route to: try the next server
            if (url.contains("{")) continue;
            if (url.startsWith("http://") || url.startsWith("https://")) return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        return "";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
