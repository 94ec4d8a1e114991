package dev.apigw.emulator.archive;

import dev.apigw.emulator.archive.ExportTree.PolicyNode;
import dev.apigw.emulator.model.Applications;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an {@link ExportTree} as the product's zip: deflated entries without directory entries, each with the
 * comment {@code Timestamp: <ms> Mimetype: application/json}, the asset tree, the PassmanData of sealed secrets,
 * then {@code ExportReport.json} and the {@code APIGatewayAssets.acdl} manifest. Streams: each document goes from
 * the tree into the zip stream without an intermediate copy. Blocking; runs on a worker thread.
 */
final class ArchiveWriter {
    private static final String JSON = "application/json";
    static final String EMPTY_REGISTRATION = "EmptyRegisteredApplication";

    private final ZipOutputStream zip;
    private final long timestamp = System.currentTimeMillis();
    private final ArchiveSecrets secrets;
    private final Manifest manifest;
    private final Set<String> written = new HashSet<>();
    private final ExportTree tree;
    private final Set<String> exportedApis = new HashSet<>();

    private ArchiveWriter(ExportTree tree, OutputStream out, String runtimeVersion, ArchiveSecrets secrets) {
        this.tree = tree;
        this.zip = new ZipOutputStream(out);
        this.manifest = new Manifest(runtimeVersion);
        this.secrets = secrets;
        tree.apis.forEach(n -> exportedApis.add(id(n.api())));
    }

    /** Writes the whole archive to {@code out} (which stays open); returns the number of assets in it. */
    static int write(ExportTree tree, OutputStream out, String runtimeVersion, ArchiveSecrets secrets) throws IOException {
        ArchiveWriter w = new ArchiveWriter(tree, out, runtimeVersion, secrets);
        w.writeAll();
        return w.manifest.assets().size();
    }

    private void writeAll() throws IOException {
        for (ExportTree.ApiNode api : tree.apis) api(api);
        for (PolicyNode p : tree.globalPolicies) {
            policy("Global Policy/" + EntryName.file("Global Policy", id(p.policy())), p, ArchiveNames.policy(p.policy(), null));
        }
        for (PolicyNode p : tree.policies) policy("Policy/" + EntryName.file("Policy", id(p.policy())), p, ArchiveNames.policy(p.policy(), null));
        for (JsonObject a : tree.actions) action("PolicyAction", a, null);
        for (JsonObject app : tree.applications) application(app);
        for (JsonObject alias : tree.aliases) flat("Alias", alias, ArchiveNames.named(alias), List.of());
        for (ExportTree.PlanNode plan : tree.plans) plan(plan);
        for (JsonObject pkg : tree.packages) flat("Package", pkg, ArchiveNames.named(pkg), List.of());
        for (JsonObject s : tree.settings) setting(s);
        principals();
        report();
        zip.putNextEntry(entry("APIGatewayAssets.acdl", "application/xml"));
        manifest.write(zip, LocalDateTime.ofInstant(Instant.ofEpochMilli(timestamp), ZoneId.systemDefault()));
        zip.closeEntry();
        zip.finish();
    }

    private void api(ExportTree.ApiNode node) throws IOException {
        JsonObject api = node.api();
        String dir = "API/" + EntryName.file("API", id(api));
        json(dir + "/" + EntryName.file("API", id(api)), api);
        List<String> deps = new ArrayList<>();
        for (PolicyNode p : node.policies()) {
            deps.add(policy(dir + "/Policy/" + EntryName.file("Policy", id(p.policy())), p, ArchiveNames.policy(p.policy(), api)));
        }
        List<JsonObject> apps = node.applications();
        if (apps.isEmpty()) {
            deps.add(registration(dir, EMPTY_REGISTRATION, EMPTY_REGISTRATION, new JsonArray().add(id(api))));
        }
        for (JsonObject app : apps) {
            deps.add(registration(dir, id(app), app.getString("name", id(app)), new JsonArray().add(id(api))));
            deps.add("Application." + id(app));
        }
        manifest.add("API", id(api), ArchiveNames.api(api), deps);
    }

    /** Writes {@code <dir>/Policy.<id>} and its actions under {@code <dir>/PolicyAction/}; returns the manifest name. */
    private String policy(String dir, PolicyNode node, String displayName) throws IOException {
        json(dir + "/" + EntryName.file("Policy", id(node.policy())), node.policy());
        List<String> deps = new ArrayList<>();
        for (JsonObject a : node.actions()) deps.add(action(dir + "/PolicyAction", a, displayName));
        return manifest.add("Policy", id(node.policy()), displayName, deps);
    }

    private String action(String dir, JsonObject action, String policyName) throws IOException {
        json(dir + "/" + EntryName.file("PolicyAction", id(action)), action);
        Set<String> names = ExportResolver.aliasNames(action);
        List<String> deps = new ArrayList<>();
        for (JsonObject alias : tree.aliases) {
            if (names.contains(alias.getString("name")) || names.contains(id(alias))) deps.add("Alias." + id(alias));
        }
        return manifest.add("PolicyAction", id(action), ArchiveNames.action(action, policyName), deps);
    }

    private String registration(String parentDir, String appId, String appName, JsonArray apiIds) throws IOException {
        JsonObject doc = new JsonObject().put("applicationId", appId).put("apiIds", apiIds).put("lastUpdated", 0);
        json(parentDir + "/RegisteredApplication/" + EntryName.file("RegisteredApplication", appId), doc);
        return manifest.add("RegisteredApplication", appId, ArchiveNames.registered(appName), List.of());
    }

    private void application(JsonObject app) throws IOException {
        String dir = "Application/" + EntryName.file("Application", id(app));
        json(dir + "/" + EntryName.file("Application", id(app)), ApplicationDocs.export(app));
        List<String> deps = new ArrayList<>();
        List<String> apis = Applications.consumingApis(app);
        if (!apis.isEmpty()) deps.add(registration(dir, id(app), app.getString("name", id(app)), new JsonArray(List.copyOf(apis))));
        for (String apiId : apis) if (exportedApis.contains(apiId)) deps.add("API." + apiId);
        if (app.getValue("authStrategyIds") instanceof JsonArray ids) {
            tree.strategies.stream().filter(s -> ids.contains(id(s))).forEach(s -> deps.add("Strategy." + id(s)));
        }
        if (secrets.enabled()) {
            String key = Applications.apiKey(app);
            String hash = Applications.secretHash(app);
            if (key != null) deps.add(passman(ApplicationDocs.API_KEY + id(app), key));
            if (hash != null) deps.add(passman(ApplicationDocs.SECRET_HASH + id(app), hash));
        }
        manifest.add("Application", id(app), app.getString("name", id(app)), deps);
    }

    private void plan(ExportTree.PlanNode node) throws IOException {
        String dir = "Plan/" + EntryName.file("Plan", id(node.plan()));
        json(dir + "/" + EntryName.file("Plan", id(node.plan())), node.plan());
        List<String> deps = new ArrayList<>();
        for (PolicyNode p : node.policies()) {
            deps.add(policy(dir + "/Policy/" + EntryName.file("Policy", id(p.policy())), p, ArchiveNames.policy(p.policy(), null)));
        }
        manifest.add("Plan", id(node.plan()), ArchiveNames.named(node.plan()), deps);
    }

    /** A setting; the JWT signing key only when its private key can be sealed. */
    private void setting(JsonObject stored) throws IOException {
        boolean secret = SettingDocs.secret(stored);
        if (secret && !secrets.enabled()) return;
        List<String> deps = secret ? List.of(passman(SettingDocs.JWT_SECRET, SettingDocs.privateKey(stored))) : List.of();
        String configId = SettingDocs.configId(id(stored));
        json("AdministratorSetting/" + EntryName.file("AdministratorSetting", configId), SettingDocs.export(stored));
        manifest.add("AdministratorSetting", configId, configId, deps);
    }

    /** Strategies, gateway scope mappings, users, groups and access profiles; secrets sealed when possible. */
    private void principals() throws IOException {
        for (JsonObject s : tree.strategies) {
            String dir = "Strategy/Strategy/" + EntryName.file("Strategy", id(s));
            json(dir + "/" + EntryName.file("Strategy", id(s)), PrincipalDocs.exportStrategy(s));
            manifest.add("Strategy", id(s), ArchiveNames.named(s), sealed("Strategy", s));
        }
        for (JsonObject scope : tree.scopes) {
            String dir = "GatewayScope/" + EntryName.file("GatewayScope", id(scope));
            json(dir + "/" + EntryName.file("GatewayScope", id(scope)), scope);
            List<String> deps = new ArrayList<>();
            for (Object ref : scope.getJsonArray("apiScopes", new JsonArray())) {
                String apiId = dev.apigw.emulator.model.ScopeReferences.apiIdOf(String.valueOf(ref));
                if (exportedApis.contains(apiId) && !deps.contains("API." + apiId)) deps.add("API." + apiId);
            }
            manifest.add("GatewayScope", id(scope), scope.getString("scopeName", id(scope)), deps);
        }
        for (JsonObject u : tree.users) {
            flat("User", PrincipalDocs.exportUser(u), u.getString("loginId", id(u)), sealed("User", u));
        }
        for (JsonObject g : tree.groups) flat("Group", g, ArchiveNames.named(g), List.of());
        for (JsonObject p : tree.profiles) flat("AccessProfile", p, ArchiveNames.named(p), List.of());
    }

    /** Writes the PassmanData of a user's or strategy's secrets (none without a passphrase); returns their names. */
    private List<String> sealed(String type, JsonObject stored) throws IOException {
        List<String> deps = new ArrayList<>();
        if (!secrets.enabled()) return deps;
        for (Map.Entry<String, String> e : PrincipalDocs.secrets(type, stored).entrySet()) deps.add(passman(e.getKey(), e.getValue()));
        return deps;
    }

    private void flat(String type, JsonObject doc, String displayName, List<String> deps) throws IOException {
        json(type + "/" + EntryName.file(type, id(doc)), doc);
        manifest.add(type, id(doc), displayName, deps);
    }

    private String passman(String key, String secret) throws IOException {
        json("PassmanData/" + EntryName.file("PassmanData", key), secrets.seal(key, secret));
        return manifest.add("PassmanData", key, key, List.of());
    }

    private void report() throws IOException {
        JsonArray report = new JsonArray();
        for (Manifest.Asset a : manifest.assets().values()) {
            report.add(new JsonObject().put("assetType", a.type()).put("assetObject", new JsonObject()
                .put("name", a.displayName()).put("id", a.name().substring(a.type().length() + 1)).put("status", "Success")
                .put("explanation", "OK").put("warning", false)));
        }
        zip.putNextEntry(entry("ExportReport.json", JSON));
        ArchiveJson.compact(report, zip);
        zip.closeEntry();
    }

    /** One JSON entry; a path already written (an asset shared by two parents) is written once. */
    private void json(String path, JsonObject doc) throws IOException {
        if (!written.add(path)) return;
        zip.putNextEntry(entry(path, JSON));
        ArchiveJson.pretty(doc, zip);
        zip.closeEntry();
    }

    private ZipEntry entry(String path, String mimeType) {
        ZipEntry e = new ZipEntry(path);
        e.setTime(timestamp);
        e.setComment("Timestamp: " + timestamp + " Mimetype: " + mimeType);
        return e;
    }

    private static String id(JsonObject doc) {
        return doc.getString("id");
    }
}
