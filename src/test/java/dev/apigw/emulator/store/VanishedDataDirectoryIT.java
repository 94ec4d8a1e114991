package dev.apigw.emulator.store;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedded data directory taken away under a running node (a volume unmounted, a temp cleaner): design-time
 * writes are refused with a 503 that says why, health turns red, the runtime keeps serving from memory, and nothing
 * recreates the directory around one document; once the directory is back, writes go on.
 */
@GatewayIT
class VanishedDataDirectoryIT {
    private static final String APPLICATIONS = "/rest/apigateway/applications";

    private static String storeStatus(TestGateway gw) {
        return gw.anonymous().get("/rest/apigateway/health/engine").jsonPath().getString("dataStore.status");
    }

    private static String capability(TestGateway gw, String name) {
        return gw.admin().get("/rest/apigateway/health/engine").jsonPath().getString("capabilities." + name + ".status");
    }

    @Test
    void refuses_design_time_writes_with_503_while_the_data_directory_is_gone(TestGateway gw, Echo echo) throws IOException {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        Path data = gw.config().dataDir();
        Path aside = data.resolveSibling(data.getFileName() + "-aside");
        Files.move(data, aside);
        try {
            gw.admin().contentType("application/json").body("{\"name\":\"Written while gone\"}").post(APPLICATIONS)
                .then().statusCode(503).body("errorDetails", containsString("data directory is gone"));
            assertFalse(Files.exists(data), "the directory is not recreated around one document");
            assertEquals("red", storeStatus(gw));
            assertEquals("red", capability(gw, "designTimeWrites"));
            assertEquals("yellow", capability(gw, "designTimeReads"), "served from memory");
            gw.admin().get("/rest/apigateway/apis/" + api.id()).then().statusCode(200);
            assertFalse(gw.anonymous().get("/rest/apigateway/health/engine").asString().contains(data.toString()),
                "anonymous health does not say where the node keeps its files");
            gw.anonymous().get(api.path() + "/get").then().statusCode(200);
            Poll.until("the event writer reports why its batch was lost", () -> String.valueOf(gw.admin()
                .get("/rest/apigateway/health/engine").jsonPath().getString("transactionEvents.lastError"))
                .contains("data directory is gone"));
            assertFalse(Files.exists(data), "nor by the event writer");
        } finally {
            Files.move(aside, data);
        }
        gw.admin().contentType("application/json").body("{\"name\":\"Written once back\"}").post(APPLICATIONS)
            .then().statusCode(200);
        assertEquals("green", storeStatus(gw));
    }
}
