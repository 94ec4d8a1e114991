package dev.apigw.emulator.settings;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The defaults and checks of each configuration id the emulator keeps ({@code GET/PUT /configurations/<id>}). Known
 * keys are checked for their type (booleans and numbers may be strings, as the product's own examples send them);
 * keys the product does not document are stored and echoed (pipelines send {@code hostName}, {@code userName},
 * {@code keystoreName}, ... to the Elasticsearch destination). Ids without rules of their own take any JSON object.
 */
final class ConfigurationRules {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String SEND_PREFIX = "send";

    /** Ids of the product's swagger that pipelines and collections set, beyond the ones with rules below. */
    static final List<String> STORED_AS_SENT = List.of("accountLockSettings", "analyticsDataStoreDestinationConfig",
        "apiCallBackSettings", "apiPortalDestinationConfig", "cache", "centraSiteDestinationCommunicationConfig",
        "centraSiteDestinationSNMPConfig", "customContentTypes", "denyByIPForFailedAuthConfig", "desDestinationConfig",
        "emailDestinationConfig", "errorProcessing", "jdbcDestinationConfig", "keystore", "ldapConfig", "logConfig",
        "passwordExpiry", "passwordRestrictions", "samlsso", "snmpDestinationConfig");

    record Rule(JsonObject defaults, Consumer<JsonObject> check, List<String> secrets) {
    }

    static final Map<String, Rule> RULES = Map.of(
        "loadBalancer", new Rule(new JsonObject().put("webAppUrl", "").put("httpUrls", new JsonArray())
            .put("httpsUrls", new JsonArray()).put("websocketUrls", new JsonArray()), ConfigurationRules::loadBalancer, List.of()),
        "whiteListingIPs", new Rule(new JsonObject().put("privateIPs", new JsonArray().add("127.0.0.1")
            .add("10.0.0.0-10.255.255.255").add("172.16.0.0-172.31.255.255").add("192.168.0.0-192.168.255.255"))
            .put("privateV6IPs", new JsonArray()), ConfigurationRules::whiteList, List.of()),
        "mobileApp", new Rule(new JsonObject().put("mobileApplications", new JsonArray())
            .put("mobileAppDeviceTypes", new JsonArray()), c -> strings(c, "mobileApplications", "mobileAppDeviceTypes"), List.of()),
        "auditlogDestinationConfig", new Rule(new JsonObject().put("name", "API Gateway Transaction Logger")
            .put("enabled", "false").put("mode", "synchronous").put("guaranteed", "false").put("destination", "file")
            .put("maximumQueueSize", "100000").put("maximumRetries", "3").put("waitBetweenRetries", "5"),
            ConfigurationRules::auditLog, List.of()),
        "elasticsearchDestinationConfig", new Rule(new JsonObject().put("hostName", "localhost").put("port", "9240")
            .put("protocol", "http").put("indexName", "gateway_default_analytics").put("userName", "").put("password", "")
            .put("metricsPublishInterval", "60").put("sendPerformanceMetrics", "false").put("sendErrorEvent", "false")
            .put("sendLifecycleEvent", "false").put("sendPolicyViolationEvent", "false"),
            ConfigurationRules::elasticsearch, List.of("password")));

    private ConfigurationRules() {
    }

    static GatewayException invalid(String detail) {
        return GatewayException.admin(400, "INVALID_CONFIGURATION", "Invalid property key found in request payload. " + detail);
    }

    /** Every value a scalar (a destination's settings are flat), kept as the product's strings. */
    static void flatStrings(JsonObject c) {
        for (String k : c.fieldNames()) {
            Object v = c.getValue(k);
            if (v instanceof JsonObject || v instanceof JsonArray) throw invalid("'" + k + "' must be a single value");
            if (v != null && !(v instanceof String)) c.put(k, v.toString());
            if (k.startsWith(SEND_PREFIX) && v != null && Lenient.bool(v) == null) throw invalid("'" + k + "' must be true or false");
        }
    }

    private static void integers(JsonObject c, String... keys) {
        for (String k : keys) {
            Object v = c.getValue(k);
            if (v != null && !(v instanceof String s && s.isBlank()) && Lenient.integer(v) == null) throw invalid("'" + k + "' must be a number");
        }
    }

    private static void elasticsearch(JsonObject c) {
        integers(c, "port", "metricsPublishInterval");
        flatStrings(c);
        Object protocol = c.getValue("protocol");
        if (protocol instanceof String p && !p.isBlank() && !p.equalsIgnoreCase("http") && !p.equalsIgnoreCase("https")) {
            throw invalid("'protocol' must be http or https");
        }
    }

    private static void auditLog(JsonObject c) {
        integers(c, "maximumQueueSize", "maximumRetries", "waitBetweenRetries");
        for (String k : List.of("enabled", "enable", "guaranteed")) {
            if (c.getValue(k) != null && Lenient.bool(c.getValue(k)) == null) throw invalid("'" + k + "' must be true or false");
        }
        flatStrings(c);
        Object mode = c.getValue("mode");
        if (mode instanceof String m && !m.equalsIgnoreCase("synchronous") && !m.equalsIgnoreCase("asynchronous")) {
            throw invalid("'mode' must be synchronous or asynchronous");
        }
    }

    private static void loadBalancer(JsonObject c) {
        if (c.getValue("webAppUrl") != null && !(c.getValue("webAppUrl") instanceof String)) throw invalid("'webAppUrl' must be a string");
        urls(c, "httpUrls", "http://");
        urls(c, "httpsUrls", "https://");
        urls(c, "websocketUrls", "ws");
    }

    private static void urls(JsonObject c, String key, String scheme) {
        strings(c, key);
        for (Object u : c.getJsonArray(key, new JsonArray())) {
            if (!u.toString().toLowerCase(Locale.ROOT).startsWith(scheme)) throw invalid("'" + key + "' entries must start with " + scheme);
        }
    }

    private static void whiteList(JsonObject c) {
        strings(c, "privateIPs", "privateV6IPs");
        for (Object o : c.getJsonArray("privateIPs", new JsonArray())) {
            for (String ip : o.toString().trim().split("\\s*-\\s*")) {
                if (!IPV4.matcher(ip).matches()) throw invalid("'privateIPs' entries must be IPv4 addresses or ranges a-b, was " + o);
            }
        }
    }

    static void strings(JsonObject c, String... keys) {
        for (String k : keys) {
            Object v = c.getValue(k);
            if (v != null && !(v instanceof JsonArray arr && arr.stream().allMatch(x -> x instanceof String))) {
                throw invalid("'" + k + "' must be an array of strings");
            }
        }
    }
}
