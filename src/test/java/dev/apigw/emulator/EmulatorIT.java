package dev.apigw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public embedding facade, used exactly as docs/testing-with-the-emulator.md shows it. */
class EmulatorIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (basic != null) b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void starts_on_free_ports_serves_the_demo_and_stops_on_close() throws Exception {
        String base;
        try (Emulator gw = Emulator.start(Map.of("admin.password", "s3cret"))) {
            base = gw.baseUrl();
            assertTrue(gw.port() > 0 && gw.echoPort() > 0);
            assertEquals(200, get(base + "/rest/apigateway/health", null).statusCode());
            assertEquals(200, get(base + "/gateway/EchoAPI/1.0/get?foo=bar", null).statusCode());
            assertEquals(200, get(base + "/rest/apigateway/apis", "Administrator:s3cret").statusCode());
            assertEquals(401, get(base + "/rest/apigateway/apis", "Administrator:manage").statusCode());
        }
        String url = base;
        assertThrows(ConnectException.class, () -> get(url + "/rest/apigateway/health", null));
    }

    @Test
    void an_unknown_setting_fails_the_start_with_the_closest_name() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Emulator.start(Map.of("runtime.backendTimeout", 5)));
        assertTrue(e.getMessage().contains("did you mean runtime.backendTimeoutMs?"), e.getMessage());
    }
}
