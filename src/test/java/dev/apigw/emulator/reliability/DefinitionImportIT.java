package dev.apigw.emulator.reliability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Import by URL against a server that misbehaves: redirect loops, a redirect to the cloud-metadata range, an endless
 * body, a server that never answers, a closed port. Each is a 400 within the download's time bound, whose message
 * names the class of problem and nothing of the network.
 */
@GatewayIT(set = {"definitionImport.timeoutMs=1500", "definitionImport.maxBytes=100000"})
class DefinitionImportIT {
    static HttpServer server;

    @BeforeAll
    static void serve(Vertx vertx) {
        server = Await.result(vertx.createHttpServer().requestHandler(req -> {
            switch (req.path()) {
                case "/loop" -> req.response().setStatusCode(302).putHeader("Location", "/loop").end();
                case "/metadata" -> req.response().setStatusCode(301).putHeader("Location", "http://169.254.169.254/latest").end();
                case "/endless" -> {
                    req.response().setChunked(true);
                    long id = vertx.setPeriodic(1, t -> req.response().write(Buffer.buffer(new byte[8192])));
                    req.response().closeHandler(v -> vertx.cancelTimer(id));
                }
                case "/silent" -> { } // never answers
                default -> req.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        Await.result(server.close());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/loop     | redirects more than 3 times",
        "/metadata | the URL's host is not allowed for definition import",
        "/endless  | larger than 100000 bytes",
        "/silent   | the definition could not be downloaded from the URL",
        "/missing  | the definition could not be downloaded from the URL (HTTP status 404)"})
    void a_misbehaving_source_is_a_400_within_the_time_bound(String path, String message, TestGateway gw) {
        long start = System.nanoTime();
        String detail = gw.admin().contentType("application/json").body(new JsonObject().put("apiName", "U").put("type", "openapi")
                .put("url", "http://127.0.0.1:" + server.actualPort() + path).encode())
            .post("/rest/apigateway/apis").then().statusCode(400).extract().path("errorDetails");
        assertTrue(detail.endsWith(message), detail);
        assertTrue(System.nanoTime() - start < 15_000_000_000L, path + " took too long"); // 1.5 s bound + a loaded CI machine
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://127.0.0.1:1/x", "http://no-such-host.invalid/x", "http://169.254.169.254/latest/meta-data"})
    void network_details_are_not_echoed(String url, TestGateway gw) {
        gw.admin().contentType("application/json").body(new JsonObject().put("apiName", "U").put("type", "openapi")
                .put("url", url).encode())
            .post("/rest/apigateway/apis").then().statusCode(400).body("errorDetails", org.hamcrest.Matchers.anyOf(
                equalTo(" Unable to process the request. Invalid payload: the definition could not be downloaded from the URL"),
                equalTo(" Unable to process the request. Invalid payload: the URL's host is not allowed for definition import")));
    }
}
