package dev.apigw.emulator.harness;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * One kind of file the seed directory may hold. {@link SeedLoader} offers every file, in name order, to the first
 * importer that {@link #accepts} it. Implementations run on an event loop and must not block: file reads go through
 * {@code executeBlocking}. The archive import (zip files in the product's layout) plugs in here as a second importer.
 */
public interface SeedImporter {

    /** True when this importer reads the file, judged by its name (e.g. {@code *.json}, {@code *.zip}). */
    boolean accepts(Path file);

    /**
     * Imports the file's assets so that the runtime serves them when the future completes. Importing the same file
     * again (a restart on kept data, a reset) must not duplicate anything. Fails with a message naming the problem.
     *
     * @return a short report, e.g. {@code {"file":"petstore.json","apis":["Petstore 1.0"],"skipped":[]}}
     */
    Future<JsonObject> importFile(Path file);
}
