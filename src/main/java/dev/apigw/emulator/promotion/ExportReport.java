package dev.apigw.emulator.promotion;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The assets an archive written by this gateway holds, read from its {@code ExportReport.json}
 * ({@code [{"assetType":"API","assetObject":{"id":...}}, ...]}), and the search body that asks a stage for its own
 * copies of the same assets (the snapshot a rollback restores). Blocking; runs on an archive worker.
 */
final class ExportReport {
    /** Archive types and the search type that selects them on a stage; RegisteredApplication and PassmanData travel along. */
    private static final Map<String, String> SEARCH_TYPES = Map.ofEntries(Map.entry("API", "api"), Map.entry("Policy", "policy"),
        Map.entry("PolicyAction", "policy_action"), Map.entry("Application", "application"), Map.entry("Alias", "alias"),
        Map.entry("Plan", "plan"), Map.entry("Package", "package"), Map.entry("AdministratorSetting", "administrator_setting"),
        Map.entry("Strategy", "strategy"), Map.entry("GatewayScope", "gateway_scope"), Map.entry("User", "users"),
        Map.entry("Group", "groups"), Map.entry("AccessProfile", "accessprofiles"));

    /** One asset: its archive type ({@code API}, {@code Policy}, ...) and id. */
    record Asset(String type, String id) {
    }

    private ExportReport() {
    }

    static List<Asset> read(Path zip) throws IOException {
        List<Asset> out = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("ExportReport.json");
            if (entry == null) return out;
            try (InputStream in = file.getInputStream(entry)) {
                JsonArray report = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                for (Object o : report) {
                    if (o instanceof JsonObject e && e.getValue("assetObject") instanceof JsonObject a) {
                        out.add(new Asset(e.getString("assetType"), a.getString("id")));
                    }
                }
            }
        }
        return out;
    }

    /** The search body exporting the stage's assets of the same types and ids (none of them may exist there yet). */
    static JsonObject snapshotSearch(List<Asset> assets) {
        Map<String, Boolean> types = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Asset a : assets) {
            String type = SEARCH_TYPES.get(a.type());
            if (type == null) continue;
            types.put(type, true);
            ids.add(Pattern.quote(a.id()));
        }
        String keyword = ids.isEmpty() ? "(?!)" : String.join("|", ids);
        return new JsonObject().put("types", new JsonArray(new ArrayList<>(types.keySet())))
            .put("scope", new JsonArray().add(new JsonObject().put("attributeName", "id").put("keyword", keyword))
                .add(new JsonObject().put("attributeName", "configId").put("keyword", keyword)))
            .put("condition", "or").put("includeOptions", new JsonObject().put("includeApplications", false));
    }
}
