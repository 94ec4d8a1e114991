package dev.apigw.emulator.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficTallyTest {

    private static TrafficTally sample() {
        TrafficTally t = new TrafficTally();
        for (int i = 0; i < 5; i++) t.sent();
        t.answered(TrafficTally.OLD, "A", 200);
        t.answered(TrafficTally.OLD, "A", 200);
        t.refused("status503");
        t.answered(TrafficTally.NEW, "A", 200);
        t.answered(TrafficTally.NEW, "B", 200);
        t.answered(TrafficTally.NEW, "B", 401);
        t.failed("new node answered 401");
        t.aborted(TrafficTally.NEW, "B");
        t.token(TrafficTally.OLD);
        t.oldCall(1_000, 1_500);
        t.oldCall(1_200, 3_000);
        return t;
    }

    @Test
    void served_and_answered_are_kept_apart() {
        TrafficTally t = sample();
        assertEquals(2, t.served(TrafficTally.OLD));
        assertEquals(2, t.served(TrafficTally.NEW));
        assertEquals(1, t.served(TrafficTally.NEW, "B"));
        assertEquals(2, t.answered(TrafficTally.NEW, "B"), "a 401 was counted by the node, not served");
        assertEquals(1, t.failedCount());
        assertEquals(1, t.refusedCount());
    }

    @Test
    void written_and_read_back_it_is_the_same_tally(@TempDir Path dir) throws IOException {
        sample().write(dir);
        TrafficTally back = TrafficTally.read(dir);
        JsonObject json = back.toJson();
        assertEquals(sample().toJson(), json);
        assertEquals("1000,1500\n1200,3000\n", Files.readString(dir.resolve("old-calls.csv")));
        assertEquals(1, back.abortedCount(TrafficTally.NEW, "B"));
    }

    @Test
    void the_longest_call_in_flight_is_measured_from_the_instant_asked() {
        TrafficTally t = sample();
        assertEquals(1.8, t.longestInFlightMs(1_200), 1e-9, "both in flight at 1.2 ms: the second ends 1.8 ms later");
        assertEquals(0.0, t.longestInFlightMs(3_000), 1e-9, "nothing in flight once the last one ended");
        assertEquals(0.0, t.longestInFlightMs(999), 1e-9, "nothing started yet");
    }
}
