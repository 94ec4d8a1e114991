package dev.apigw.emulator.catalog;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.webhook.WebhookEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * A webhook: {@code events} (a non-empty array of known event names), {@code config.url} (absolute http or https),
 * optional {@code config.headers} (an object), {@code config.username}/{@code password}/{@code truststoreAlias}
 * (text) and {@code active} (true/false).
 */
public final class WebhookShapes {
    private WebhookShapes() {
    }

    public static void check(JsonObject hook) {
        if (!(hook.getValue("events") instanceof JsonArray events) || events.isEmpty()) {
            throw GatewayException.invalidPayload("'events' is required: a non-empty array of event names");
        }
        for (Object e : events) {
            if (!(e instanceof String name) || !WebhookEvents.ALL.contains(name)) throw GatewayException.invalidPayload("unknown event '" + e + "'; allowed: " + WebhookEvents.ALL);
        }
        if (!(hook.getValue("config") instanceof JsonObject config) || !(config.getValue("url") instanceof String url)) {
            throw GatewayException.invalidPayload("'config.url' is required");
        }
        checkUrl(url);
        Fields.object(config, "headers");
        Fields.texts(config, "username", "password", "truststoreAlias");
        Fields.bool(hook, "active");
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return;
        } catch (Exception e) {
            // the 400 below
        }
        throw GatewayException.invalidPayload("'config.url' must be an absolute http or https URL, was '" + url + "'");
    }
}
