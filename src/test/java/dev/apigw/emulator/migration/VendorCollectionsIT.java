package dev.apigw.emulator.migration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.Fixtures;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Replay;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vendor's own Postman collections, run as they are (file order, their bodies, their auth) against two real
 * nodes, when {@code APIGW_POSTMAN_DIR} points at a directory holding them (they cannot be committed here). Each
 * request's status is compared with what the product answers ({@code fixtures/replay/vendor-expectations.json});
 * the table lands in {@code target/vendor-collections/<collection>.md}.
 */
@GatewayIT
@EnabledIfEnvironmentVariable(named = "APIGW_POSTMAN_DIR", matches = ".+")
class VendorCollectionsIT {
    static final List<String> OLD_NODE_FOLDERS = List.of("Quiesce mode", "Quiesce port", "");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ZeroDowntimeUpgrade.json", "ArchiveService.json"})
    void the_vendors_collection_answers_as_the_product_would(String collection, Vertx vertx) throws IOException {
        Path file = Path.of(System.getenv("APIGW_POSTMAN_DIR"), collection);
        JsonObject expected = Fixtures.json("replay/vendor-expectations.json", Map.of()).getJsonObject(collection);
        try (TestGateway old = TestGateway.start(vertx); TestGateway fresh = TestGateway.start(vertx)) {
            Function<Replay.Step, Function<String, String>> route = step -> url -> {
                String node = "http://127.0.0.1:" + (OLD_NODE_FOLDERS.contains(step.folder()) ? old : fresh).port();
                return url.replace("http://localhost:5555", node);
            };
            Replay replay = new Replay(Map.of("baseURL", "http://localhost:5555/rest/apigateway", "isURL", "http://localhost:5555"));
            List<Replay.Result> results = replay.run(Replay.postman(file), route);
            StringBuilder table = new StringBuilder("| request | status | product | as the product |\n|---|---|---|---|\n");
            int matching = 0;
            for (Replay.Result r : results) {
                JsonObject e = expected.getJsonObject(r.step().name(), new JsonObject());
                boolean same = e.getJsonArray("expect", new io.vertx.core.json.JsonArray()).contains(r.status());
                if (same) matching++;
                table.append("| ").append(r.step().method()).append(' ').append(r.step().name()).append(" | ").append(r.status())
                    .append(" | ").append(e.getJsonArray("expect", new io.vertx.core.json.JsonArray()).encode()).append(' ')
                    .append(e.getString("why", "")).append(" | ").append(same ? "yes" : "**no**").append(" |\n");
            }
            table.append("\n").append(matching).append(" of ").append(results.size()).append(" requests answered as the product would.\n");
            Path out = Path.of("target", "vendor-collections", collection.replace(".json", ".md"));
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
            System.out.println(collection + "\n" + table);
            assertTrue(matching == results.size(), table.toString());
        }
    }
}
