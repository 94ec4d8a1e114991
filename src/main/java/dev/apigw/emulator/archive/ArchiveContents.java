package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an archive holds, read and parsed in full before anything is written: the documents of each type by id
 * (with the entry they came from), the API ids each application is registered to (the union over every
 * RegisteredApplication entry of it), the entries of product types the emulator does not keep, and the manifest
 * (null when absent or unreadable). Built on a worker thread by {@link ArchiveReader}; read-only afterwards.
 */
final class ArchiveContents {
    /** One asset document and the entry it came from. */
    record Doc(String path, String id, JsonObject json) {
    }

    final Map<String, Doc> apis = new LinkedHashMap<>();
    final Map<String, Doc> policies = new LinkedHashMap<>();
    final Map<String, Doc> actions = new LinkedHashMap<>();
    final Map<String, Doc> applications = new LinkedHashMap<>();
    final Map<String, Doc> aliases = new LinkedHashMap<>();
    final Map<String, Doc> plans = new LinkedHashMap<>();
    final Map<String, Doc> packages = new LinkedHashMap<>();
    final Map<String, Doc> settings = new LinkedHashMap<>();
    final Map<String, Doc> strategies = new LinkedHashMap<>();
    final Map<String, Doc> scopes = new LinkedHashMap<>();
    final Map<String, Doc> users = new LinkedHashMap<>();
    final Map<String, Doc> groups = new LinkedHashMap<>();
    final Map<String, Doc> profiles = new LinkedHashMap<>();
    final Map<String, Doc> passman = new LinkedHashMap<>();
    final Map<String, Set<String>> registrations = new LinkedHashMap<>();
    final List<EntryName> unsupported = new ArrayList<>();
    Manifest manifest;

    void register(String appId, Iterable<Object> apiIds) {
        Set<String> ids = registrations.computeIfAbsent(appId, k -> new LinkedHashSet<>());
        for (Object id : apiIds) if (id instanceof String s) ids.add(s);
    }

    int assetCount() {
        return apis.size() + policies.size() + actions.size() + applications.size() + aliases.size() + plans.size()
            + packages.size() + settings.size() + strategies.size() + scopes.size() + users.size() + groups.size()
            + profiles.size() + passman.size() + registrations.size() + unsupported.size();
    }
}
