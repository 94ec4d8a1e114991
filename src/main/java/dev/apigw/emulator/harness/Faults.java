package dev.apigw.emulator.harness;

import dev.apigw.emulator.runtime.ApiFault;
import dev.apigw.emulator.runtime.BackendFaults;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.SimulatedOutage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Emulator faults for test suites: per API (latency, a share answered with a status, a share reset as by the
 * backend) in {@link BackendFaults}, and the shared store declared unavailable for the asset, token and rate-limit
 * paths in {@link SimulatedOutage}. Each fault is validated here (400 in the admin shape), visible in {@link #json()}
 * and in the meters {@code gateway.faults.injected{api,kind}} and {@code gateway.faults.active}. Thread-safe.
 */
public final class Faults {
    private final BackendFaults backend;
    private final SimulatedOutage outage;
    private final MeterRegistry registry;

    public Faults(BackendFaults backend, SimulatedOutage outage, MeterRegistry registry) {
        this.backend = backend;
        this.outage = outage;
        this.registry = registry;
        Gauge.builder("gateway.faults.active", this, f -> f.backend.all().size() + (f.outage.assets() ? 1 : 0)
                + (f.outage.tokens() ? 1 : 0) + (f.outage.rateLimit() ? 1 : 0))
            .description("Emulator faults in force: per-API faults plus simulated store outages").register(registry);
    }

    /** Sets (replaces) the fault of one API, described by {@code api} (its stored document). */
    public ApiFault setApi(JsonObject api, JsonObject body) {
        long latency = number(body, "latencyMs", 0, 600_000);
        double failRate = rate(body, "failRate");
        double resetRate = rate(body, "resetRate");
        if (failRate + resetRate > 1.0) throw bad("failRate + resetRate must not exceed 1");
        int status = (int) number(body, "failStatus", 100, 599, 503);
        ApiFault fault = new ApiFault(api.getString("id"), api.getString("apiName"), api.getString("apiVersion"),
            latency, failRate, status, resetRate, new ApiFault.Counts());
        unregister(fault.apiId());
        backend.set(fault);
        String label = fault.apiName() + "/" + fault.apiVersion();
        counter(label, "latency", fault, c -> c.injected().latency());
        counter(label, "status", fault, c -> c.injected().status());
        counter(label, "reset", fault, c -> c.injected().reset());
        return fault;
    }

    public boolean removeApi(String apiId) {
        unregister(apiId);
        return backend.remove(apiId);
    }

    /** Declares the store paths unavailable (true) or back (false); absent keys keep their value. */
    public JsonObject setStore(JsonObject body) {
        outage.set(flag(body, "assets", outage.assets()), flag(body, "tokens", outage.tokens()),
            flag(body, "rateLimit", outage.rateLimit()));
        return outage.json();
    }

    /** Clears every fault (part of a reset). */
    public void clear() {
        for (ApiFault f : List.copyOf(backend.all())) unregister(f.apiId());
        backend.clear();
        outage.clear();
    }

    public JsonObject json() {
        JsonArray apis = new JsonArray();
        backend.all().forEach(f -> apis.add(f.json()));
        return new JsonObject().put("apis", apis).put("store", outage.json());
    }

    private void counter(String api, String kind, ApiFault fault, java.util.function.Function<ApiFault, LongAdder> adder) {
        ToDoubleFunction<ApiFault> read = f -> adder.apply(f).sum();
        FunctionCounter.builder("gateway.faults.injected", fault, read).tag("api", api).tag("kind", kind)
            .tag("apiId", fault.apiId()).description("Requests an emulator fault hit, per API and kind (latency, status, reset)")
            .register(registry);
    }

    private void unregister(String apiId) {
        for (Meter m : registry.find("gateway.faults.injected").tag("apiId", apiId).meters()) registry.remove(m);
    }

    private static long number(JsonObject body, String key, long min, long max) {
        return number(body, key, min, max, 0);
    }

    private static long number(JsonObject body, String key, long min, long max, long dflt) {
        Object v = body.getValue(key);
        if (v == null) return dflt;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
            throw bad("'" + key + "' must be a whole number between " + min + " and " + max + ", was " + v);
        }
        return n.longValue();
    }

    private static double rate(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (v == null) return 0;
        if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
            throw bad("'" + key + "' must be a number between 0 and 1, was " + v);
        }
        return n.doubleValue();
    }

    private static boolean flag(JsonObject body, String key, boolean current) {
        Object v = body.getValue(key);
        if (v == null) return current;
        if (!(v instanceof Boolean b)) throw bad("'" + key + "' must be true or false, was " + v);
        return b;
    }

    private static GatewayException bad(String message) {
        return GatewayException.invalidPayload(message);
    }
}
