package dev.apigw.emulator.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RehearsalOptionsTest {
    private static final String JAR = "pom.xml"; // any existing file stands for the jar here

    @Test
    void defaults_run_a_minute_of_embedded_built_in_traffic() {
        RehearsalOptions o = RehearsalOptions.parse("--jar", JAR);
        assertFalse(o.redis());
        assertFalse(o.gatling());
        assertEquals(200, o.rate());
        assertEquals(60, o.durationSec());
        assertEquals(20, o.users());
        assertEquals(0, o.warmUpCalls(), "no warm-up unless asked");
        assertEquals(Path.of("loadtest", "results"), o.results());
    }

    @Test
    void the_benchmark_command_line_reads_as_written() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString(); // stands for an executable
        RehearsalOptions o = RehearsalOptions.parse("--jar", JAR, "--redis", "--redis-server", java, "--rate", "2000",
            "--duration", "60", "--gatling", "--node-java-opts", " -XX:+UseParallelGC  -Xss512k ", "--mvn-arg", "-o");
        assertTrue(o.redis() && o.gatling());
        assertEquals(2000, o.rate());
        assertEquals(200, o.users(), "a tenth of the rate when not given");
        assertEquals(10_000, RehearsalOptions.parse("--jar", JAR, "--warm-up", "10000").warmUpCalls());
        assertEquals(List.of("-XX:+UseParallelGC", "-Xss512k"), o.nodeJavaOpts());
        assertEquals(List.of("-o"), o.mvnArgs());
        assertEquals(Path.of(java), o.redisBinary());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown option | --fast | unknown option --fast",
        "missing value | --rate | --rate needs a value",
        "not a number | --rate ten | --rate must be a number",
        "zero | --users 0 | --users must be a positive number",
        "too short | --duration 2 | at least 3 seconds",
        "negative warm-up | --warm-up -1 | --warm-up must be 0 or more calls",
        "no jar | --jar target/none.jar | is missing: build it first"})
    void bad_command_lines_say_what_is_wrong(String name, String args, String message) {
        List<String> all = new java.util.ArrayList<>(List.of("--jar", JAR));
        all.addAll(List.of(args.split(" ")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RehearsalOptions.parse(all.toArray(String[]::new)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
