package dev.apigw.emulator.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.OutputStream;

/**
 * JSON the way the product writes archive entries: asset documents with Jackson's default pretty printer (two-space
 * indent, {@code "key" : value}, {@code [ {}, LF line ends, no trailing newline), {@code ExportReport.json} compact.
 * Written straight into the zip stream, never through an intermediate string.
 */
final class ArchiveJson {
    private static final JsonFactory FACTORY = new JsonFactory()
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private ArchiveJson() {
    }

    static void pretty(Object json, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(PRETTY);
            JacksonCodec.encodeJson(json, g);
        }
    }

    static void compact(Object json, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            JacksonCodec.encodeJson(json, g);
        }
    }
}
