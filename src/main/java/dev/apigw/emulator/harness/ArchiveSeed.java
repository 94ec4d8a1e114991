package dev.apigw.emulator.harness;

import dev.apigw.emulator.archive.ArchiveImporter;
import dev.apigw.emulator.archive.ImportOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Archives ({@code *.zip} in the product's layout) in the seed directory: imported as {@code POST /archive} with
 * {@code overwrite=*} does, keeping ids, so a restart or a reset imports them again without duplicating anything.
 */
public final class ArchiveSeed implements SeedImporter {
    private final ArchiveImporter importer;
    private final String passphrase;

    /** @param passphrase the node's {@code archive.passphrase}, which opens the secrets of archives it exported */
    public ArchiveSeed(ArchiveImporter importer, String passphrase) {
        this.importer = importer;
        this.passphrase = passphrase;
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    @Override
    public Future<JsonObject> importFile(Path file) {
        return importer.importArchive(file, ImportOptions.overwriteAll(passphrase))
            .map(log -> new JsonObject().put("file", file.getFileName().toString()).put("archive", log.toJson()));
    }
}
