package dev.apigw.emulator.archive;

import dev.apigw.emulator.archive.ArchiveContents.Doc;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what an import writes, before anything is written: the archive is validated as a whole
 * ({@link ImportValidation}: shapes and references; a failure is a 400), its sealed secrets are opened, then each
 * asset is either converted to its stored shape and planned for writing, or reported and left alone (it exists and
 * its kind is not to be overwritten; or an API of the same name and version exists under another id). Ids are kept.
 * Pure computation on the worker thread; the store's documents come in as a snapshot.
 */
final class ImportPlanner {
    /** The documents to write per type, and the log to answer with. */
    record Plan(Map<AssetType, Map<String, JsonObject>> writes, ImportLog log) {
    }

    private final ArchiveContents c;
    private final Map<AssetType, Map<String, JsonObject>> existing;
    private final ImportOptions options;
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<AssetType, Map<String, JsonObject>> writes = new EnumMap<>(AssetType.class);
    private final Map<String, String> appOutcomes = new HashMap<>();
    /** Indexes built once: a policy's owning API, and the APIs the manifest says an application is registered to. */
    private final Map<String, JsonObject> policyOwners = new HashMap<>();
    private final Map<String, List<String>> manifestRegistrations = new HashMap<>();
    private final ImportLog log = new ImportLog();

    private ImportPlanner(ArchiveContents c, Map<AssetType, Map<String, JsonObject>> existing, ImportOptions options) {
        this.c = c;
        this.existing = existing;
        this.options = options;
        for (Doc api : c.apis.values()) {
            for (String p : AssetRefs.apiPolicies(api.json())) policyOwners.putIfAbsent(p, api.json());
        }
        if (c.manifest != null) {
            c.manifest.assets().values().stream().filter(a -> a.type().equals("API")).forEach(a -> a.dependsOn().stream()
                .filter(d -> d.startsWith("Application.")).forEach(d -> manifestRegistrations
                    .computeIfAbsent(d.substring("Application.".length()), k -> new ArrayList<>()).add(a.name().substring("API.".length()))));
        }
    }

    static Plan plan(ArchiveContents c, Map<AssetType, Map<String, JsonObject>> existing, ImportOptions options,
                     ArchiveSecrets sealed, AssetValidation validation) {
        ImportValidation.check(c, existing, validation);
        ImportPlanner p = new ImportPlanner(c, existing, options);
        c.passman.forEach((key, doc) -> {
            String secret = sealed.open(doc.json());
            if (secret != null) p.secrets.put(key, secret);
        });
        p.apis();
        p.policies();
        p.flat(AssetType.POLICY_ACTIONS, "PolicyAction", c.actions);
        p.applications();
        p.flat(AssetType.ALIASES, "Alias", c.aliases);
        p.flat(AssetType.PLANS, "Plan", c.plans);
        p.flat(AssetType.PACKAGES, "Package", c.packages);
        p.settings();
        p.principals();
        ImportValidation.converted(p.writes, validation);
        NotImported.log(c, p.secrets.keySet(), p.log);
        return new Plan(p.writes, p.log);
    }

    private Map<String, JsonObject> existing(AssetType type) {
        return existing.getOrDefault(type, Map.of());
    }

    /** Whether the asset may be written; logs it as existing otherwise. */
    private boolean writable(AssetType type, String logType, String name, String id) {
        if (!existing(type).containsKey(id) || options.overwrites(type)) return true;
        log.failed(logType, name, id, ImportLog.EXISTS, false);
        return false;
    }

    private void write(AssetType type, String logType, String name, String id, JsonObject doc, String note) {
        writes.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, doc);
        log.success(logType, name, id, note == null ? "OK" : "OK. " + note, existing(type).containsKey(id), note != null);
    }

    private static JsonObject stored(Doc d) {
        JsonObject doc = d.json().copy();
        doc.remove("_docType");
        return doc.put("id", d.id());
    }

    private String display(String type, String id, String computed) {
        String fromManifest = c.manifest == null ? null : c.manifest.displayName(type, id);
        return fromManifest != null ? fromManifest : computed;
    }

    private void apis() {
        Map<String, String> byNameVersion = new HashMap<>();
        existing(AssetType.APIS).forEach((id, api) -> byNameVersion.put(nameVersion(api), id));
        for (Doc d : c.apis.values()) {
            JsonObject api = stored(d);
            String name = display("API", d.id(), ArchiveNames.api(api));
            if (!writable(AssetType.APIS, "API", name, d.id())) continue;
            String other = byNameVersion.get(nameVersion(api));
            if (other != null && !other.equals(d.id())) {
                log.failed("API", name, d.id(), "An API with apiName " + api.getString("apiName") + " and apiVersion "
                    + api.getString("apiVersion") + " already exists (" + other + ").", false);
                continue;
            }
            if (!options.preserveAssetState()) api.put("isActive", false);
            byNameVersion.put(nameVersion(api), d.id());
            write(AssetType.APIS, "API", name, d.id(), api, null);
        }
    }

    private static String nameVersion(JsonObject api) {
        return api.getString("apiName") + "\n" + api.getValue("apiVersion");
    }

    private void policies() {
        for (Doc d : c.policies.values()) {
            JsonObject policy = stored(d);
            String name = display("Policy", d.id(), ArchiveNames.policy(policy, ownerApi(d.id())));
            if (!writable(AssetType.POLICIES, "Policy", name, d.id())) continue;
            if (!options.preserveAssetState() && Policies.isGlobal(policy)) policy.put("active", false);
            write(AssetType.POLICIES, "Policy", name, d.id(), policy, null);
        }
    }

    private JsonObject ownerApi(String policyId) {
        return policyOwners.get(policyId);
    }

    private void flat(AssetType type, String logType, Map<String, Doc> docs) {
        for (Doc d : docs.values()) {
            JsonObject doc = stored(d);
            String computed = type == AssetType.POLICY_ACTIONS ? ArchiveNames.action(doc, null)
                : type == AssetType.GATEWAY_SCOPES ? doc.getString("scopeName", d.id()) : ArchiveNames.named(doc);
            String name = display(logType, d.id(), computed);
            if (writable(type, logType, name, d.id())) write(type, logType, name, d.id(), doc, null);
        }
    }

    private void applications() {
        ApplicationImport credentials = new ApplicationImport(existing(AssetType.APPLICATIONS), c.passman, secrets, options);
        for (Doc d : c.applications.values()) {
            String name = display("Application", d.id(), ArchiveNames.named(d.json()));
            if (!writable(AssetType.APPLICATIONS, "Application", name, d.id())) {
                appOutcomes.put(d.id(), ImportLog.EXISTS);
                continue;
            }
            ApplicationImport.Outcome out = credentials.convert(d, registeredApis(d.id()), existing(AssetType.APPLICATIONS).get(d.id()));
            write(AssetType.APPLICATIONS, "Application", name, d.id(), out.app(), out.note());
            appOutcomes.put(d.id(), "OK");
        }
        for (Map.Entry<String, java.util.Set<String>> r : c.registrations.entrySet()) {
            Doc app = c.applications.get(r.getKey());
            String name = ArchiveNames.registered(app == null ? r.getKey() : ArchiveNames.named(app.json()));
            String outcome = appOutcomes.get(r.getKey());
            if ("OK".equals(outcome)) log.success("RegisteredApplication", name, r.getKey(), "OK", false, false);
            else log.failed("RegisteredApplication", name, r.getKey(), outcome != null ? outcome
                : "Application " + r.getKey() + " is not in the archive; its registrations were not imported.", outcome == null);
        }
    }

    /** The archive's registrations of the application (and the manifest's edges of older archives), to APIs that will exist. */
    private List<String> registeredApis(String appId) {
        List<String> ids = new ArrayList<>(c.registrations.getOrDefault(appId, java.util.Set.of()));
        ids.addAll(manifestRegistrations.getOrDefault(appId, List.of()));
        Map<String, JsonObject> planned = writes.getOrDefault(AssetType.APIS, Map.of());
        return ids.stream().distinct().filter(id -> planned.containsKey(id) || existing(AssetType.APIS).containsKey(id)).toList();
    }

    /** Strategies and users with their secrets; groups, access profiles and gateway scope mappings as they are. */
    private void principals() {
        PrincipalImport restore = new PrincipalImport(secrets);
        for (Doc d : c.strategies.values()) {
            String name = display("Strategy", d.id(), ArchiveNames.named(d.json()));
            if (!writable(AssetType.STRATEGIES, "Strategy", name, d.id())) continue;
            PrincipalImport.Outcome out = restore.strategy(d, existing(AssetType.STRATEGIES).get(d.id()));
            write(AssetType.STRATEGIES, "Strategy", name, d.id(), out.doc(), out.note());
        }
        for (Doc d : c.users.values()) {
            String name = display("User", d.id(), d.json().getString("loginId", d.id()));
            if (!writable(AssetType.USERS, "User", name, d.id())) continue;
            PrincipalImport.Outcome out = restore.user(d, existing(AssetType.USERS).get(d.id()));
            write(AssetType.USERS, "User", name, d.id(), out.doc(), out.note());
        }
        flat(AssetType.GROUPS, "Group", c.groups);
        flat(AssetType.ACCESS_PROFILES, "AccessProfile", c.profiles);
        flat(AssetType.GATEWAY_SCOPES, "GatewayScope", c.scopes);
    }

    /** Settings are logged by the product's configId ({@code extended}) and stored by the emulator's id. */
    private void settings() {
        for (Map.Entry<String, Doc> e : c.settings.entrySet()) {
            String configId = e.getKey();
            String id = SettingDocs.storedId(configId);
            String name = display("AdministratorSetting", configId, configId);
            boolean exists = existing(AssetType.SETTINGS).containsKey(id);
            if (exists && !options.overwrites(AssetType.SETTINGS)) {
                log.failed("AdministratorSetting", name, configId, ImportLog.EXISTS, false);
                continue;
            }
            JsonObject doc = SettingDocs.stored(e.getValue().json(), configId, secrets.get(SettingDocs.JWT_SECRET));
            if (doc == null) {
                log.failed("AdministratorSetting", name, configId, "Its secret (PassmanData." + SettingDocs.JWT_SECRET
                    + ") cannot be restored without the exporting gateway's archive passphrase; not imported.", true);
                continue;
            }
            writes.computeIfAbsent(AssetType.SETTINGS, t -> new LinkedHashMap<>()).put(id, doc);
            log.success("AdministratorSetting", name, configId, "OK", exists, false);
        }
    }
}
