package dev.apigw.emulator.archive;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads an archive completely into {@link ArchiveContents}, refusing it with a 400 naming the problem when it is not
 * a zip, is cut short, or has an asset entry that is not a JSON object. Tolerates what real clients produce: zips
 * built by {@code zip -r} or PowerShell (directory entries, no comments, backslashes), extra files, no
 * {@code ExportReport.json}. The zip is opened through its central directory ({@link ZipFile}), so a file cut short
 * anywhere is detected before any entry is trusted. Bounded: each entry and the whole archive have a size limit
 * against zip bombs. Blocking; runs on an archive worker.
 */
final class ArchiveReader {
    static final String MANIFEST = "APIGatewayAssets.acdl";
    /** The whole archive uncompressed may be this many times the entry limit. */
    private static final int TOTAL_ENTRIES_FACTOR = 8;

    private final ArchiveContents contents = new ArchiveContents();
    private final long maxEntryBytes;
    private long total;

    private ArchiveReader(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    static ArchiveContents read(Path zip, long maxEntryBytes) {
        ArchiveReader reader = new ArchiveReader(maxEntryBytes);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) reader.entry(file, entries.nextElement());
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the file is not a complete zip archive (" + e.getMessage() + ")");
        }
        // an export of nothing still has its manifest; a zip with neither is not an archive
        if (reader.contents.assetCount() == 0 && reader.contents.manifest == null) throw invalid("it holds no API Gateway assets");
        return reader.contents;
    }

    static GatewayException invalid(String why) {
        return GatewayException.admin(400, "INVALID_ARCHIVE", "Invalid archive: " + why);
    }

    private void entry(ZipFile file, ZipEntry entry) throws IOException {
        EntryName name = EntryName.parse(entry.getName());
        if (name == null) return;
        if (name.path().equals(MANIFEST) || name.path().endsWith("/" + MANIFEST)) {
            contents.manifest = Manifest.parse(bytes(file, entry, name));
            return;
        }
        if (name.type() == null) return; // ExportReport.json, export payloads, read-me files
        if (!known(name.type())) {
            if (name.path().startsWith(name.type() + "/")) contents.unsupported.add(name);
            return;
        }
        JsonObject doc = json(bytes(file, entry, name), name);
        ArchiveContents.Doc d = new ArchiveContents.Doc(name.path(), idOf(doc, name), doc);
        switch (name.type()) {
            case "API" -> contents.apis.put(d.id(), d);
            case "Policy" -> contents.policies.put(d.id(), d);
            case "PolicyAction" -> contents.actions.put(d.id(), d);
            case "Application" -> contents.applications.put(d.id(), d);
            case "Alias" -> contents.aliases.put(d.id(), d);
            case "Plan" -> contents.plans.put(d.id(), d);
            case "Package" -> contents.packages.put(d.id(), d);
            case "AdministratorSetting" -> contents.settings.put(doc.getValue("configId") instanceof String c ? c : name.id(), d);
            case "PassmanData" -> contents.passman.put(d.id(), d);
            case "Strategy" -> contents.strategies.put(d.id(), d);
            case "GatewayScope" -> contents.scopes.put(d.id(), d);
            case "User" -> contents.users.put(d.id(), d);
            case "Group" -> contents.groups.put(d.id(), d);
            case "AccessProfile" -> contents.profiles.put(d.id(), d);
            default -> registration(doc, name);
        }
    }

    private static boolean known(String type) {
        return switch (type) {
            case "API", "Policy", "PolicyAction", "Application", "RegisteredApplication", "Alias", "Plan", "Package",
                 "AdministratorSetting", "PassmanData", "Strategy", "GatewayScope", "User", "Group", "AccessProfile" -> true;
            default -> false;
        };
    }

    private void registration(JsonObject doc, EntryName name) {
        String appId = doc.getValue("applicationId") instanceof String s ? s : name.id();
        if (ArchiveWriter.EMPTY_REGISTRATION.equals(appId)) return;
        if (doc.getValue("apiIds") != null && !(doc.getValue("apiIds") instanceof JsonArray)) {
            throw invalid("entry " + name.path() + ": 'apiIds' must be an array");
        }
        contents.register(appId, doc.getJsonArray("apiIds", new JsonArray()));
    }

    /** The document's own id (the product writes it in every asset but applications), else the entry's. */
    private static String idOf(JsonObject doc, EntryName name) {
        for (String field : new String[] {"id", "applicationID"}) {
            if (doc.getValue(field) instanceof String s && !s.isBlank()) return s;
        }
        return name.id();
    }

    private byte[] bytes(ZipFile file, ZipEntry entry, EntryName name) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxEntryBytes + 1));
            if (data.length > maxEntryBytes) throw invalid("entry " + name.path() + " is larger than " + maxEntryBytes + " bytes");
            total += data.length;
            if (total > maxEntryBytes * TOTAL_ENTRIES_FACTOR) throw invalid("its entries add up to more than "
                + maxEntryBytes * TOTAL_ENTRIES_FACTOR + " bytes uncompressed");
            return data;
        }
    }

    private static JsonObject json(byte[] data, EntryName name) {
        Object parsed;
        try {
            parsed = Json.decodeValue(Buffer.buffer(data));
        } catch (DecodeException e) {
            throw invalid("entry " + name.path() + " is not valid JSON");
        }
        if (parsed instanceof Map<?, ?> m) parsed = new JsonObject(castMap(m));
        if (!(parsed instanceof JsonObject obj)) throw invalid("entry " + name.path() + " is not a JSON object");
        return obj;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
