package dev.apigw.emulator.demo;

import dev.apigw.emulator.admin.ApiAssets;
import dev.apigw.emulator.admin.ApiInput;
import dev.apigw.emulator.admin.DefinitionImporter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Registers and activates the demo API {@code EchoAPI 1.0}, routed to the built-in echo backend, unless an API of
 * that name and version already exists (it then stays as the user left it).
 */
public final class DemoApi {
    public static final String NAME = "EchoAPI";
    public static final String VERSION = "1.0";
    private static final Logger LOG = Logger.getLogger(DemoApi.class.getName());

    private DemoApi() {
    }

    public static Future<Void> ensure(Vertx vertx, ApiAssets apis, String echoHost, int echoPort) {
        return apis.all().compose(all -> {
            boolean exists = all.stream().anyMatch(a -> NAME.equals(a.getString("apiName")) && VERSION.equals(a.getString("apiVersion")));
            if (exists) return Future.succeededFuture();
            // the template is a jar resource: read it off the event loop
            return vertx.executeBlocking(DemoApi::template)
                .map(t -> t.replace("http://127.0.0.1:9091", "http://" + echoHost + ":" + echoPort))
                .compose(definition -> new DefinitionImporter(vertx).parse(definition))
                .compose(def -> apis.create(new ApiInput(NAME, VERSION, def.description(), def)))
                .compose(api -> apis.setActive(api.getString("id"), true))
                .onSuccess(api -> LOG.info("demo API " + NAME + " " + VERSION + " registered, routed to http://" + echoHost + ":" + echoPort))
                .mapEmpty();
        });
    }

    private static String template() {
        try (InputStream in = DemoApi.class.getClassLoader().getResourceAsStream("demo/echo-api.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("demo/echo-api.yaml is missing from the jar", e);
        }
    }
}
