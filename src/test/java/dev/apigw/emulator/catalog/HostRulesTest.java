package dev.apigw.emulator.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apigw.emulator.config.DefinitionImportConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostRulesTest {
    static final HostRules DEFAULTS = new HostRules(new DefinitionImportConfig(1000, 1000, 3, false, List.of(),
        List.of("169.254.0.0/16", "fe80::/10", "0.0.0.0/8"), true));
    static final HostRules STRICT = new HostRules(new DefinitionImportConfig(1000, 1000, 3, false,
        List.of(".example.com", "203.0.113.0/24"), List.of("bad.example.com"), false));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"metadata,169.254.169.254,false", "h,0.0.0.0,false", "h,fe80::1,false", "localhost,127.0.0.1,true",
        "h,10.1.2.3,true", "h,93.184.216.34,true"})
    void the_defaults_refuse_link_local_and_allow_the_rest(String host, String address, boolean allowed) throws Exception {
        assertEquals(allowed, DEFAULTS.allows(host, InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"api.example.com,93.184.216.34,true", "example.com,93.184.216.34,true", "bad.example.com,93.184.216.34,false",
        "other.org,93.184.216.34,false", "other.org,203.0.113.9,true", "api.example.com,10.0.0.1,false",
        "api.example.com,::1,false", "api.example.com,fd00::1,false"})
    void an_allow_list_and_no_private_ranges(String host, String address, boolean allowed) throws Exception {
        assertEquals(allowed, STRICT.allows(host, InetAddress.getByName(address)));
    }
}
