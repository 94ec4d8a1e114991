package dev.apigw.emulator.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rehearsal CI runs: the same code path as {@code loadtest/rehearse.sh} ({@link Rehearse#run(String...)}), with a
 * few seconds of built-in traffic, against two real nodes started from the packaged jar (so no {@code @GatewayIT}:
 * the rehearsal starts its own processes, as a user's would), embedded and on two Redis servers. The report must
 * pass, and say so for the right reasons: every call served by one node or the other, none failed, each migration
 * action a success, and every published total and quota counter reconciled with the calls.
 */
class RehearsalIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "redis"})
    void a_short_rehearsal_loses_no_request_and_reconciles_every_total(String topology) throws IOException {
        List<String> args = new ArrayList<>(List.of("--duration", "5", "--rate", "100", "--users", "10",
            "--results", "target/rehearsal-it", "--jar", "target/apigw-emulator.jar",
            "--node-java-opts", "-XX:TieredStopAtLevel=1", "--warm-up", "40"));
        if (topology.equals("redis")) args.addAll(List.of("--redis", "--redis-server", RedisServer.binary().toString()));
        Rehearse.Result result = Rehearse.run(args.toArray(String[]::new));
        JsonObject report = new JsonObject(result.json());

        assertTrue(result.passed(), result.markdown());
        assertEquals(topology, report.getString("topology"));
        JsonObject traffic = report.getJsonObject("traffic");
        assertEquals(0, traffic.getLong("failed"), traffic.encodePrettily());
        assertTrue(traffic.getLong("servedOld") > 0 && traffic.getLong("servedNew") > 0, traffic.encodePrettily());
        assertEquals(traffic.getLong("sent"), traffic.getLong("servedOld") + traffic.getLong("servedNew"),
            "every call ends served by one node or the other");
        assertTrue(traffic.getJsonObject("tokens").getLong(TrafficTally.NEW, 0L) > 0, "OAuth2 users fetched tokens from the new node");
        JsonObject newProbes = traffic.getJsonObject("probes").getJsonObject(TrafficTally.NEW);
        assertEquals(1 + 20, newProbes.getJsonObject("RehearsalKeyAPI").getLong("200"), "a probe and half the warm-up calls per API");

        JsonObject migration = report.getJsonObject("migration");
        for (String action : List.of("clean", "reindex core", "transform", "reindex logsevents")) {
            assertEquals("success", migration.getJsonObject(action).getString("status"), action);
        }
        JsonObject phases = report.getJsonObject("quiesceAll").getJsonObject("receipt").getJsonObject("phases");
        for (String phase : List.of("requested", "flushed", "draining", "drained", "finalFlush", "quiesced", "listenerClosed")) {
            assertTrue(phases.containsKey(phase), phase + " in " + phases.encode());
        }

        JsonObject rec = report.getJsonObject("reconciliation");
        assertTrue(rec.getBoolean("ok"), rec.encodePrettily());
        for (JsonObject api : rows(rec.getJsonArray("apis"))) {
            long answered = api.getLong("answeredOld") + api.getLong("answeredNew");
            assertEquals(api.getLong("answeredOld"), api.getLong("oldPerformance"), api.encode());
            assertEquals(api.getLong("answeredOld"), api.getLong("oldLicense"), api.encode());
            assertEquals(answered, api.getLong("newPerformance"), api.encode());
            assertEquals(answered, api.getLong("newLicense"), api.encode());
        }
        for (JsonObject quota : rows(rec.getJsonArray("quotas"))) {
            assertEquals(quota.getLong("servedByBoth"), quota.getLong("successCount"), quota.encode());
        }
        assertTrue(Files.isRegularFile(result.dir().resolve("report.md")));
        assertTrue(Files.isRegularFile(result.dir().resolve("traffic.json")));
    }

    private static List<JsonObject> rows(JsonArray array) {
        assertTrue(array.size() == 2, array.encode());
        return array.stream().map(JsonObject.class::cast).toList();
    }
}
