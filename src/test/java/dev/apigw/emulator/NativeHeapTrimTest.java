package dev.apigw.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apigw.emulator.config.ConfigLoader;
import dev.apigw.emulator.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTrimTest {

    @Test
    void trims_the_native_heap_where_the_c_library_is_glibc() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6"))
            || Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6")), "glibc only");
        assertTrue(NativeHeapTrim.trim());
    }

    @Test
    void leaves_trimming_to_the_jvm_only_when_its_own_interval_is_set() {
        // the test JVM runs without -XX:TrimNativeHeapInterval, so the gateway's trimmer is the one that runs
        assertFalse(NativeHeapTrim.jvmTrims());
    }

    @Test
    void trims_every_five_seconds_by_default() {
        GatewayConfig config = GatewayConfig.fromJson(ConfigLoader.defaults());
        assertTrue(config.ops().nativeHeapTrimMs() == 5000, "default " + config.ops().nativeHeapTrimMs());
    }
}
