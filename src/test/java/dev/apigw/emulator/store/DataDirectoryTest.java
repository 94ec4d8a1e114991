package dev.apigw.emulator.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marker of the data directory: claimed once, looked for by every write, its absence a clear refusal. */
class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void a_claimed_directory_is_present_until_its_marker_goes() throws IOException {
        DataDirectory data = new DataDirectory(tmp.resolve("data"));
        assertFalse(data.present(), "not claimed yet");
        data.claim();
        assertTrue(Files.isRegularFile(tmp.resolve("data").resolve(DataDirectory.MARKER)));
        assertDoesNotThrow(data::requirePresent);
        Files.delete(tmp.resolve("data").resolve(DataDirectory.MARKER));
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, data::requirePresent);
        assertTrue(refused.getMessage().contains("is gone"), refused.getMessage());
    }

    @Test
    void claiming_again_keeps_the_first_marker() throws IOException {
        DataDirectory data = new DataDirectory(tmp);
        data.claim();
        String first = Files.readString(tmp.resolve(DataDirectory.MARKER));
        data.claim();
        assertEquals(first, Files.readString(tmp.resolve(DataDirectory.MARKER)));
    }

    @Test
    void a_store_that_never_claims_needs_only_the_directory_itself() throws IOException {
        DataDirectory data = new DataDirectory(tmp.resolve("absent"));
        assertThrows(StoreUnavailableException.class, data::requireRoot);
        Files.createDirectories(tmp.resolve("absent"));
        assertDoesNotThrow(data::requireRoot);
    }
}
