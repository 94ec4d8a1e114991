package dev.apigw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.GatewayConfig;
import java.net.BindException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartFailureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "main port    | port 5555 on 0.0.0.0 is already in use (setting port, environment variable APIGW_PORT)",
        "quiesce port | port 4444 on 127.0.0.1 is already in use (setting quiescePort, environment variable APIGW_QUIESCE_PORT)",
        "echo backend | port 9091 on 127.0.0.1 is already in use (setting demo.echoPort, environment variable APIGW_DEMO_ECHO_PORT)"})
    void a_port_in_use_names_the_port_and_its_setting(String part, String expected) {
        GatewayConfig config = ConfigLoader.load(null, Map.of("APIGW_QUIESCE_PORT", "4444"));
        Throwable err = new IllegalStateException(part + ": Address already in use", new BindException("Address already in use"));
        assertEquals(expected + ": stop what listens there or choose another port (0 = any free port)",
            StartFailure.describe(err, config));
    }
}
