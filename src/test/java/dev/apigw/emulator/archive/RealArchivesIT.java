package dev.apigw.emulator.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.TestGateway;
import dev.apigw.emulator.support.Zips;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives exported by the real product, imported unchanged, when {@code APIGW_ARCHIVE_DIR} points at them (they
 * are the vendor's and cannot be committed): every {@code *.zip} there, and every unzipped export below it (a
 * directory holding {@code APIGatewayAssets.acdl}), zipped the way {@code zip -r} does. Each imports into a fresh
 * node with 201, and every API, policy and policy action of the archive is then there under its own id.
 */
@GatewayIT
@EnabledIfEnvironmentVariable(named = "APIGW_ARCHIVE_DIR", matches = ".+")
class RealArchivesIT {

    static List<Path> archives() throws IOException {
        Path root = Path.of(System.getenv("APIGW_ARCHIVE_DIR"));
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".zip") || p.endsWith("APIGatewayAssets.acdl")).sorted()
                .forEach(p -> out.add(p.toString().endsWith(".zip") ? p : p.getParent()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void a_real_export_imports_with_201_and_keeps_its_ids(Path archive, Vertx vertx) throws IOException {
        byte[] zip = Files.isDirectory(archive) ? Zips.directory(archive) : Files.readAllBytes(archive);
        try (TestGateway gw = TestGateway.start(vertx)) {
            String answer = gw.admin().contentType("application/zip").body(zip).post("/rest/apigateway/archive?overwrite=*")
                .then().statusCode(201).extract().asString();
            JsonObject log = new JsonObject(answer);
            assertTrue(log.containsKey("ArchiveResult"), answer);
            for (String entry : Zips.entries(zip).keySet()) {
                String file = entry.substring(entry.lastIndexOf('/') + 1);
                if (file.startsWith("API.")) gw.admin().get("/rest/apigateway/apis/" + id(file)).then().statusCode(200);
                if (file.startsWith("Policy.")) gw.admin().get("/rest/apigateway/policies/" + id(file)).then().statusCode(200);
                if (file.startsWith("PolicyAction.")) gw.admin().get("/rest/apigateway/policyActions/" + id(file)).then().statusCode(200);
            }
            System.out.println(archive.getFileName() + ": " + summary(log));
            assertEquals(0, log.getJsonArray("ArchiveResult").stream().filter(e -> e.toString().contains("\"status\":\"Failed\"")
                && !e.toString().contains("\"warning\":true")).count(), "only warned failures: " + answer);
        }
    }

    private static String id(String file) {
        return java.net.URLDecoder.decode(file.substring(file.indexOf('.') + 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String summary(JsonObject log) {
        StringBuilder sb = new StringBuilder();
        for (Object o : log.getJsonArray("ArchiveResult")) {
            JsonObject e = (JsonObject) o;
            String type = e.fieldNames().iterator().next();
            JsonObject a = e.getJsonObject(type);
            sb.append("\n  ").append(type).append(' ').append(a.getString("id")).append(": ").append(a.getString("status"))
                .append(" - ").append(a.getString("explanation"));
        }
        return sb.toString();
    }
}
