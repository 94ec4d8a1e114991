package dev.apigw.emulator.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every active API by name, then version: an immutable snapshot, swapped whole when assets change. Two levels
 * rather than a combined key, so a lookup on the hot path allocates nothing.
 */
public final class RouteTable {
    public static final RouteTable EMPTY = new RouteTable(List.of());
    private final Map<String, Map<String, CompiledApi>> byName;
    private final List<CompiledApi> apis;

    public RouteTable(Collection<CompiledApi> apis) {
        Map<String, Map<String, CompiledApi>> map = new HashMap<>();
        for (CompiledApi api : apis) map.computeIfAbsent(api.name(), n -> new HashMap<>()).put(api.version(), api);
        this.byName = map;
        this.apis = List.copyOf(new ArrayList<>(apis));
    }

    public CompiledApi find(String name, String version) {
        Map<String, CompiledApi> versions = byName.get(name);
        return versions == null ? null : versions.get(version);
    }

    public Collection<CompiledApi> apis() {
        return apis;
    }
}
