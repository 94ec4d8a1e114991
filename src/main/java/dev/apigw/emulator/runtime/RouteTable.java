package dev.apigw.emulator.runtime;

import java.util.Collection;
import java.util.Map;

/** Every active API by {@code name/version}: an immutable snapshot, swapped whole when assets change. */
public final class RouteTable {
    public static final RouteTable EMPTY = new RouteTable(Map.of());
    private final Map<String, CompiledApi> byNameAndVersion;

    public RouteTable(Map<String, CompiledApi> byNameAndVersion) {
        this.byNameAndVersion = Map.copyOf(byNameAndVersion);
    }

    public static String key(String name, String version) {
        return name + "\u0000" + version;
    }

    public CompiledApi find(String name, String version) {
        return byNameAndVersion.get(key(name, version));
    }

    public Collection<CompiledApi> apis() {
        return byNameAndVersion.values();
    }
}
