package dev.apigw.emulator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The archive calls of the benchmarks with the JDK's client: what is timed is the gateway, not a test library. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("Administrator:manage".getBytes(StandardCharsets.UTF_8));

    private Http() {
    }

    static byte[] export(int port, String query) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rest/apigateway/archive?" + query))
            .header("Authorization", AUTH).GET().build());
        if (r.statusCode() != 200) throw new IllegalStateException("export answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    static void importZip(int port, byte[] zip) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rest/apigateway/archive?overwrite=*"))
            .header("Authorization", AUTH).header("Content-Type", "application/zip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build());
        if (r.statusCode() != 201) throw new IllegalStateException("import answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }

    /** Starts a migration action and polls its status every 100 ms until it settles; returns the final status. */
    static io.vertx.core.json.JsonObject migrate(int port, String body) throws InterruptedException {
        String base = "http://127.0.0.1:" + port + "/rest/apigateway/migration";
        HttpResponse<byte[]> started = send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", AUTH)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (started.statusCode() != 202) throw new IllegalStateException("migration answered " + started.statusCode());
        String action = new io.vertx.core.json.JsonObject(body).getString("action");
        while (true) {
            Thread.sleep(100); // polling interval, as a pipeline polls the status
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/status?action=" + action))
                .header("Authorization", AUTH).GET().build());
            io.vertx.core.json.JsonObject status = new io.vertx.core.json.JsonObject(new String(r.body(), StandardCharsets.UTF_8));
            if (!"in progress".equals(status.getString("status"))) return status;
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
