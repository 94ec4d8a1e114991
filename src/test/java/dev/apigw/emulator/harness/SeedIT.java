package dev.apigw.emulator.harness;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Zips;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** seed.dir: files imported before the node serves; a reset of assets imports them again. */
@GatewayIT
class SeedIT {

    private static Path seedDir(Echo echo, String... files) throws IOException {
        Path dir = Files.createTempDirectory("apigw-seed");
        for (String f : files) {
            if (f.endsWith(".zip")) {
                // an archive in the product's 10.7 layout (fixtures/archives/product-10.7): API Orders 1.0, active
                Files.write(dir.resolve(f), Zips.fixture("product-10.7", Map.of("echo", echo.url())));
            } else {
                Files.writeString(dir.resolve(f), Fixtures.text("seed/" + f, Map.of("echo", echo.url())));
            }
        }
        return dir;
    }

    private static TestGateway start(Vertx vertx, Path dir) {
        JsonObject settings = TestGateway.defaults().put("seed", new JsonObject().put("dir", dir.toString()));
        return TestGateway.start(vertx, settings);
    }

    @Test
    void seeded_apis_are_served_as_soon_as_the_node_has_started(Vertx vertx, Echo echo) throws IOException {
        Path dir = seedDir(echo, "10-petstore.json", "20-inactive.json", "30-orders.zip");
        try (TestGateway gw = start(vertx, dir)) {
            gw.anonymous().get("/gateway/SeededPetstore/1.0/get").then().statusCode(200);
            gw.anonymous().get("/gateway/SeededInactive/2.0/get").then().statusCode(404);
            gw.anonymous().get("/gateway/Orders/1.0/get").then().statusCode(not(404)); // from the archive, active
            gw.admin().get("/emulator/seed").then().statusCode(200)
                .body("files.file", hasItems("10-petstore.json", "20-inactive.json", "30-orders.zip"))
                .body("files.find { it.file == '30-orders.zip' }.archive", notNullValue());
        }
    }

    @Test
    void a_restart_on_the_same_data_does_not_duplicate_seeded_apis(Vertx vertx, Echo echo) throws IOException {
        Path dir = seedDir(echo, "10-petstore.json");
        try (TestGateway gw = start(vertx, dir)) {
            gw.restart();
            gw.admin().get("/rest/apigateway/apis").then().statusCode(200)
                .body("apiResponse.findAll { it.toString().contains('SeededPetstore') }.size()", equalTo(1));
            gw.admin().get("/emulator/seed").then().body("files[0].skipped[0]", equalTo("SeededPetstore 1.0 exists"));
        }
    }

    @Test
    void a_seed_file_that_cannot_be_imported_stops_the_start_naming_the_file(Vertx vertx) throws IOException {
        Path dir = Files.createTempDirectory("apigw-seed");
        Files.writeString(dir.resolve("broken.json"), "{\"apiName\": \"Broken\"}");
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(vertx, dir));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("no inline apiDefinition"), e.getMessage());
    }
}
