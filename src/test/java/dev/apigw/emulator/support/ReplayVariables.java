package dev.apigw.emulator.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables the vendor's collections and the pipelines' environments use for a gateway at one base URL: base URLs,
 * host and port, and the administrator's credentials for every user name they log in as.
 */
final class ReplayVariables {
    private ReplayVariables() {
    }

    static Map<String, String> of(String base) {
        URI uri = URI.create(base);
        Map<String, String> v = new HashMap<>();
        v.put("baseURL", base + "/rest/apigateway");
        v.put("baseUrl", base + "/rest/apigateway");
        v.put("baseGatewaySysAPIsUrl", base + "/rest/apigateway");
        v.put("url", base);
        v.put("httpInvokeUrl", base);
        v.put("isURL", base);
        v.put("protocol", uri.getScheme());
        v.put("api_protocol", uri.getScheme());
        v.put("ip", uri.getHost());
        v.put("api_ip", uri.getHost());
        v.put("port", String.valueOf(uri.getPort()));
        v.put("api_port", String.valueOf(uri.getPort()));
        v.put("hostname", uri.getHost());
        v.put("api_hostname", uri.getHost());
        v.put("domain", uri.getHost());
        v.put("username", "Administrator");
        v.put("password", "manage");
        v.put("User", "Administrator");
        v.put("Password", "manage");
        v.put("auth", "Basic " + Base64.getEncoder().encodeToString("Administrator:manage".getBytes(StandardCharsets.UTF_8)) + " ");
        for (String role : List.of("preparer", "importer", "initializer", "purger", "publisher", "updater", "exporter")) {
            v.put(role + "_user", "Administrator");
            v.put(role + "_password", "manage");
        }
        return v;
    }

}
