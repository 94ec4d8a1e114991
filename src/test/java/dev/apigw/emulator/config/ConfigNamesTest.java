package dev.apigw.emulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigNamesTest {

    @Test
    void an_unknown_variable_is_reported_with_the_closest_known_name() {
        List<String> warnings = ConfigNames.unknownVariables(ConfigLoader.defaults(),
            Map.of("APIGW_RUNTIME_BACKEND_TIMEOUT", "5000", "APIGW_PORT", "1", "PATH", "/bin"));
        assertEquals(List.of("unknown environment variable APIGW_RUNTIME_BACKEND_TIMEOUT is ignored; did you mean "
            + "APIGW_RUNTIME_BACKEND_TIMEOUT_MS?"), warnings);
    }

    @Test
    void administrator_password_sets_the_admin_password_unless_the_apigw_variable_does() {
        assertEquals("s3cret", ConfigLoader.load(null, Map.of("ADMINISTRATOR_PASSWORD", "s3cret")).admin().password());
        assertEquals("mine", ConfigLoader.load(null, Map.of("ADMINISTRATOR_PASSWORD", "s3cret",
            "APIGW_ADMIN_PASSWORD", "mine")).admin().password());
    }

    @Test
    void help_lists_every_setting_with_its_variable_and_comment() {
        String help = SettingsHelp.text();
        for (String path : ConfigNames.paths(ConfigLoader.defaults())) {
            assertTrue(help.contains(ConfigLoader.envName(path)), path + " in --help");
        }
        assertTrue(help.contains("empty = embedded stores under dataDir"), "comments are shown");
    }
}
