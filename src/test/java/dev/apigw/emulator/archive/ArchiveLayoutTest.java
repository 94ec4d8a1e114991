package dev.apigw.emulator.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Zips;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The zip an export writes, entry by entry, against the product's layout (facts §1.2-1.8); and reading zips back. */
class ArchiveLayoutTest {
    static final String API = "a1111111-0000-4000-8000-000000000001";
    static final String POLICY = "p2222222-0000-4000-8000-000000000002";
    static final String ROUTING = "r3333333-0000-4000-8000-000000000003";
    static final String APP = "c4444444-0000-4000-8000-000000000004";

    static Map<AssetType, List<JsonObject>> store() {
        Map<AssetType, List<JsonObject>> m = new EnumMap<>(AssetType.class);
        JsonObject api = new JsonObject().put("id", API).put("apiName", "Orders").put("apiVersion", "1.0").put("isActive", true)
            .put("policies", new JsonArray().add(POLICY)).put("apiDefinition", new JsonObject().put("paths", new JsonObject()));
        m.put(AssetType.APIS, List.of(api));
        m.put(AssetType.POLICIES, List.of(Policies.serviceDefault(POLICY, "Orders", ROUTING, ROUTING)));
        m.put(AssetType.POLICY_ACTIONS, List.of(PolicyActions.routing(ROUTING, "${Backend}/${sys:resource_path}")));
        JsonObject app = new JsonObject().put("id", APP).put("name", "Client").put("consumingAPIs", new JsonArray().add(API))
            .put("accessTokens", new JsonObject().put("apiAccessKey_credentials", Applications.apiKeyCredentials("k".repeat(64)))
                .put("oauth_credentials", Applications.oauthCredentials("Client", null).put(Applications.SECRET_HASH, "h".repeat(64))));
        m.put(AssetType.APPLICATIONS, List.of(app));
        m.put(AssetType.ALIASES, List.of(new JsonObject().put("id", "al1").put("name", "Backend").put("type", "simple")));
        m.put(AssetType.SETTINGS, List.of(new JsonObject().put("id", "extendedSettings").put("extendedKeys", new JsonObject().put("a", "1")),
            new JsonObject().put("id", "quotaAccumulator").put("counters", new JsonObject())));
        return m;
    }

    static Map<String, ZipEntry> export(ExportSelection selection, String passphrase, Map<String, byte[]> contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveWriter.write(ExportResolver.resolve(selection, store()), out, "10.15", new ArchiveSecrets(passphrase));
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                contents.put(e.getName(), in.readAllBytes());
                entries.put(e.getName(), e);
            }
        }
        return entries;
    }

    @Test
    void an_api_export_is_the_products_tree_with_report_and_manifest() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, ZipEntry> entries = export(ExportSelection.of(Map.of(AssetType.APIS, List.of(API)), true), "pw", contents);
        String dir = "API/API." + API;
        assertEquals(Set.of(dir + "/API." + API,
            dir + "/Policy/Policy." + POLICY + "/Policy." + POLICY,
            dir + "/Policy/Policy." + POLICY + "/PolicyAction/PolicyAction." + ROUTING,
            dir + "/RegisteredApplication/RegisteredApplication." + APP,
            "Application/Application." + APP + "/Application." + APP,
            "Application/Application." + APP + "/RegisteredApplication/RegisteredApplication." + APP,
            "PassmanData/PassmanData.API_ACCESS_KEY" + APP, "PassmanData/PassmanData.OAUTH2_CLIENT_SECRET_HASH" + APP,
            "Alias/Alias.al1", "ExportReport.json", "APIGatewayAssets.acdl"), entries.keySet());
        for (ZipEntry e : entries.values()) assertFalse(e.isDirectory(), e.getName());
        String apiJson = new String(contents.get(dir + "/API." + API), StandardCharsets.UTF_8);
        assertTrue(apiJson.startsWith("{\n  \"id\" : \"" + API + "\""), apiJson);
        assertFalse(apiJson.endsWith("\n"), "no trailing newline, as the product writes");
        String report = new String(contents.get("ExportReport.json"), StandardCharsets.UTF_8);
        assertTrue(report.startsWith("[{\"assetType\":"), "compact: " + report);
        assertTrue(report.contains("\"name\":\"Policy For API Orders[1.0]\""), report);
        String acdl = new String(contents.get("APIGatewayAssets.acdl"), StandardCharsets.UTF_8);
        assertTrue(acdl.contains("runtimeVersion=\"10.15\""), acdl);
        assertTrue(acdl.contains("displayName=\"Policy Action [Straight Through Routing] -&gt; Policy For API Orders[1.0]\""), acdl);
        assertTrue(acdl.contains("<dependsOn>APIGateway:Alias.al1</dependsOn>"), "the alias the routing names: " + acdl);
        assertTrue(acdl.endsWith("</asset_composite>\n"));
        Manifest read = Manifest.parse(contents.get("APIGatewayAssets.acdl"));
        assertEquals("10.15", read.runtimeVersion());
        assertEquals("Orders[1.0]", read.displayName("API", API));
        assertTrue(read.assets().get("API." + API).dependsOn().contains("Application." + APP));
    }

    @Test
    void every_entry_has_the_products_comment_and_secrets_stay_out_of_documents() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, ZipEntry> entries = export(ExportSelection.everything(), "pw", contents);
        // ZipInputStream does not read comments (they live in the central directory): read them with ZipFile
        Path tmp = Files.createTempFile("layout", ".zip");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ArchiveWriter.write(ExportResolver.resolve(ExportSelection.everything(), store()), out, "10.15", new ArchiveSecrets("pw"));
            Files.write(tmp, out.toByteArray());
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile())) {
                zip.stream().forEach(e -> assertTrue(e.getComment() != null && e.getComment().matches(
                    "Timestamp: \\d{13} Mimetype: application/" + (e.getName().endsWith(".acdl") ? "xml" : "json")), e.getName()));
            }
        } finally {
            Files.delete(tmp);
        }
        JsonObject app = new JsonObject(new String(contents.get("Application/Application." + APP + "/Application." + APP), StandardCharsets.UTF_8));
        assertEquals(APP, app.getString("applicationID"));
        assertEquals(ArchiveSecrets.MASK, app.getJsonObject("accessTokens").getJsonObject("apiAccessKey").getString("apiAccessKey"));
        assertFalse(app.encode().contains("h".repeat(64)), "the client-secret hash only travels sealed");
        assertTrue(entries.containsKey("AdministratorSetting/AdministratorSetting.extended"));
        assertFalse(entries.containsKey("AdministratorSetting/AdministratorSetting.quotaAccumulator"), "runtime data, only when named");
    }

    @Test
    void without_a_passphrase_no_secret_leaves_the_gateway() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, ZipEntry> entries = export(ExportSelection.everything(), "", contents);
        assertTrue(entries.keySet().stream().noneMatch(n -> n.startsWith("PassmanData/")), entries.keySet().toString());
        assertTrue(contents.values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
            .noneMatch(t -> t.contains("k".repeat(64)) || t.contains("h".repeat(64))));
    }

    @Test
    void selecting_an_unknown_id_is_a_400() {
        GatewayException e = assertThrows(GatewayException.class, () -> ExportResolver.resolve(
            ExportSelection.of(Map.of(AssetType.APIS, List.of(API, "<string>")), false), store()));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("<string>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "API/API.x/API.x | API | x",
        "AdministratorSetting/AdministratorSetting.HTTPListener%405556 | AdministratorSetting | HTTPListener@5556",
        "Global Policy/Global Policy.G/Policy.G | Policy | G",
        ".\\API\\API.x\\Policy\\Policy.y\\Policy.y | Policy | y",
        "/PassmanData/PassmanData.gateway.destination.elasticsearch.handle | PassmanData | gateway.destination.elasticsearch.handle",
        "ExportReport.json | | ",
        "API.json | | "})
    void entry_names_say_type_and_id(String raw, String type, String id) {
        EntryName n = EntryName.parse(raw);
        assertEquals(type, n.type());
        assertEquals(id, n.id());
    }

    @Test
    void directories_and_macos_metadata_are_no_entries() {
        assertNull(EntryName.parse("API/API.x/"));
        assertNull(EntryName.parse("__MACOSX/API/._API.x"));
        assertNotNull(EntryName.parse("API/API.x/API.x"));
    }

    @Test
    void a_zip_built_by_zip_r_with_extra_files_and_no_report_reads(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("API/API.x/API.x", "{\"id\":\"x\",\"apiName\":\"X\"}".getBytes(StandardCharsets.UTF_8));
        entries.put("export_payload.json", "{\"types\":[\"api\"]}".getBytes(StandardCharsets.UTF_8));
        entries.put("README.txt", "not json".getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(dir.resolve("a.zip"), Zips.zip(entries, false, true));
        ArchiveContents c = ArchiveReader.read(zip, 1 << 20);
        assertEquals(List.of("x"), new ArrayList<>(c.apis.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a zip | not a complete zip archive",
        "truncated | not a complete zip archive",
        "entry that is not JSON | is not valid JSON",
        "entry that is a JSON array | is not a JSON object",
        "no asset at all | holds no API Gateway assets"})
    void broken_archives_are_refused_with_the_reason(String kind, String reason, @TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("API/API.x/API.x", "{\"id\":\"x\",\"apiName\":\"X\"}".getBytes(StandardCharsets.UTF_8));
        byte[] good = Zips.zip(entries, true, false);
        byte[] bytes = switch (kind) {
            case "not a zip" -> "just some text".getBytes(StandardCharsets.UTF_8);
            case "truncated" -> java.util.Arrays.copyOf(good, good.length - 30);
            case "entry that is not JSON" -> Zips.with(good, "API/API.x/API.x", "{\"id\":".getBytes(StandardCharsets.UTF_8));
            case "entry that is a JSON array" -> Zips.with(good, "API/API.x/API.x", "[1]".getBytes(StandardCharsets.UTF_8));
            default -> Zips.zip(Map.of("notes/readme.txt", new byte[] {1}), true, false);
        };
        Path zip = Files.write(dir.resolve("b.zip"), bytes);
        GatewayException e = assertThrows(GatewayException.class, () -> ArchiveReader.read(zip, 1 << 20));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void an_entry_over_the_limit_is_refused(@TempDir Path dir) throws IOException {
        String big = "{\"id\":\"x\",\"apiName\":\"" + "a".repeat(5000) + "\"}";
        Path zip = Files.write(dir.resolve("big.zip"), Zips.zip(Map.of("API/API.x/API.x", big.getBytes(StandardCharsets.UTF_8)), true, false));
        GatewayException e = assertThrows(GatewayException.class, () -> ArchiveReader.read(zip, 4096));
        assertTrue(e.getMessage().contains("larger than 4096 bytes"), e.getMessage());
    }
}
