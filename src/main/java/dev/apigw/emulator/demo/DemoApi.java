package dev.apigw.emulator.demo;

import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.catalog.ApiInput;
import dev.apigw.emulator.catalog.DefinitionImporter;
import dev.apigw.emulator.catalog.ImportedDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;

/**
 * Registers and activates the demo API {@code EchoAPI 1.0}, routed to the built-in echo backend, unless an API of
 * that name and version already exists: it then stays as the user left it, with one exception. When the echo backend
 * listens on an ephemeral port ({@code demo.echoPort: 0}) its port changes at every start, so a demo API still pointing
 * at the echo host on another port is re-pointed at the new one (its definition's server URL and the default routing).
 */
public final class DemoApi {
    public static final String NAME = "EchoAPI";
    public static final String VERSION = "1.0";
    private static final Logger LOG = LoggerFactory.getLogger(DemoApi.class);

    private DemoApi() {
    }

    /** @param ephemeral whether the configured echo port was 0 (the bound port changes at every start) */
    public static Future<Void> ensure(Vertx vertx, ApiAssets apis, DefinitionImporter importer, String echoHost,
                                      int echoPort, boolean ephemeral) {
        String echoUrl = "http://" + echoHost + ":" + echoPort;
        return apis.all().compose(all -> {
            Optional<JsonObject> existing = all.stream()
                .filter(a -> NAME.equals(a.getString("apiName")) && VERSION.equals(a.getString("apiVersion"))).findFirst();
            if (existing.isEmpty()) return register(vertx, apis, importer, echoUrl);
            if (ephemeral && pointsAtOtherEchoPort(existing.get(), echoHost, echoUrl)) {
                return definition(vertx, importer, echoUrl).compose(def -> apis.update(existing.get().getString("id"), input(def)))
                    .onSuccess(api -> LOG.info("demo API {} {} re-pointed to {}", NAME, VERSION, echoUrl)).mapEmpty();
            }
            return Future.succeededFuture();
        });
    }

    private static Future<Void> register(Vertx vertx, ApiAssets apis, DefinitionImporter importer, String echoUrl) {
        return definition(vertx, importer, echoUrl)
            .compose(def -> apis.create(input(def)))
            .compose(api -> apis.setActive(api.getString("id"), true))
            .onSuccess(api -> LOG.info("demo API {} {} registered, routed to {}", NAME, VERSION, echoUrl))
            .mapEmpty();
    }

    private static boolean pointsAtOtherEchoPort(JsonObject api, String echoHost, String echoUrl) {
        JsonArray eps = api.getJsonArray("nativeEndpoint", new JsonArray());
        String uri = eps.isEmpty() || !(eps.getValue(0) instanceof JsonObject ep) ? "" : ep.getString("uri", "");
        return !uri.equals(echoUrl) && uri.matches("http://" + Pattern.quote(echoHost) + ":\\d+");
    }

    private static ApiInput input(ImportedDefinition def) {
        return new ApiInput(NAME, VERSION, def.description(), def);
    }

    private static Future<ImportedDefinition> definition(Vertx vertx, DefinitionImporter importer, String echoUrl) {
        // the template is a jar resource: read it off the event loop
        return vertx.executeBlocking(DemoApi::template)
            .map(t -> t.replace("http://127.0.0.1:9091", echoUrl))
            .compose(importer::parse);
    }

    private static String template() {
        try (InputStream in = DemoApi.class.getClassLoader().getResourceAsStream("demo/echo-api.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("demo/echo-api.yaml is missing from the jar", e);
        }
    }
}
