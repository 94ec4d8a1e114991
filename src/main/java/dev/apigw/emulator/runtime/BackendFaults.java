package dev.apigw.emulator.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-API faults in force, read by every runtime request before it goes to the backend. With no fault set the
 * map field is null, so a request pays one volatile read; set and clear come from admin calls (any thread).
 */
public final class BackendFaults {
    private volatile Map<String, ApiFault> byApi;

    /** The fault of this API, or null (the common case: one volatile read). */
    public ApiFault of(String apiId) {
        Map<String, ApiFault> m = byApi;
        return m == null ? null : m.get(apiId);
    }

    public synchronized void set(ApiFault fault) {
        Map<String, ApiFault> m = byApi == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(byApi);
        m.put(fault.apiId(), fault);
        byApi = m;
    }

    public synchronized boolean remove(String apiId) {
        if (byApi == null || !byApi.containsKey(apiId)) return false;
        Map<String, ApiFault> m = new ConcurrentHashMap<>(byApi);
        m.remove(apiId);
        byApi = m.isEmpty() ? null : m;
        return true;
    }

    public synchronized void clear() {
        byApi = null;
    }

    public Collection<ApiFault> all() {
        Map<String, ApiFault> m = byApi;
        return m == null ? List.of() : m.values();
    }
}
