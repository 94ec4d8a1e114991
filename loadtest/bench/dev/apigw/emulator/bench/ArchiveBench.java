package dev.apigw.emulator.bench;

import dev.apigw.emulator.NodeProbe;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.PolicyActions;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.support.Await;
import dev.apigw.emulator.support.Migrations;
import dev.apigw.emulator.support.TestApis;
import dev.apigw.emulator.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Not run by CI (no Test/IT suffix): the archive and migration figures of issue 11, run by
 * {@code loadtest/archive-bench.sh}. A source node holds {@code apis} APIs (each with its SERVICE policy, a transport
 * and a routing action, all active) and {@code apps} applications (each registered to one API, with an API key and
 * OAuth2 credentials). Timed, each over HTTP as a client sees it: the export of everything (target 5 s), its import
 * into a fresh node (target 5 s), and {@code reindex core} of the same into another fresh node (target 10 s). Peak
 * heap is sampled every 20 ms during each phase (the JVM runs all three nodes; it is the process's heap).
 * Prints one line per figure with PASS/FAIL.
 */
public final class ArchiveBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) {
        int apis = Integer.getInteger("apis", 1_000);
        int apps = Integer.getInteger("apps", 1_000);
        Vertx vertx = Vertx.vertx();
        try (TestGateway source = node(vertx)) {
            seed(source, apis, apps);
            long k0 = System.nanoTime();
            javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new javax.crypto.spec.PBEKeySpec(
                "archive-bench".toCharArray(), new byte[16], 310_000, 256));
            System.out.printf("one PBKDF2 derivation of the passphrase (paid once by export and once by import): %d ms%n",
                (System.nanoTime() - k0) / 1_000_000);
            String all = "apis=*&policies=*&policyActions=*&applications=*&include-applications=true";
            try (TestGateway target = node(vertx)) {
                // warm-up, not timed: class loading and JIT of the export and import paths, on a tenth of the assets
                byte[] warm = Http.export(source.port(), "apis=" + firstApis(source, Math.max(1, apis / 10)));
                Http.importZip(target.port(), warm);
                byte[][] zip = new byte[1][];
                phase("export", apis, apps, 5, () -> {
                    zip[0] = Http.export(source.port(), all);
                    return zip[0].length / 1024 + " KiB zip";
                });
                phase("import", apis, apps, 5, () -> {
                    Http.importZip(target.port(), zip[0]);
                    return count(target, AssetType.APIS) + " APIs, " + count(target, AssetType.APPLICATIONS) + " applications";
                });
            }
            try (TestGateway fresh = node(vertx)) {
                phase("reindex-core", apis, apps, 10, () -> {
                    JsonObject status;
                    try {
                        status = Http.migrate(fresh.port(), Migrations.reindex("core", "http://127.0.0.1:" + source.port(),
                            "Administrator", "manage"));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    if (!"success".equals(status.getString("status"))) throw new IllegalStateException(status.encode());
                    return count(fresh, AssetType.APIS) + " APIs, " + count(fresh, AssetType.APPLICATIONS) + " applications";
                });
            }
        } catch (RuntimeException | Error | java.security.GeneralSecurityException e) {
            e.printStackTrace(); // System.exit below would otherwise hide why the bench stopped
        } finally {
            Await.result(vertx.close());
            System.exit(0);
        }
    }

    private static TestGateway node(Vertx vertx) {
        JsonObject settings = TestGateway.defaults();
        settings.getJsonObject("archive").put("passphrase", "archive-bench");
        return TestGateway.start(vertx, settings);
    }

    /** Writes the assets straight into the source's store in batches (seeding is not what is measured). */
    static void seed(TestGateway gw, int apis, int apps) {
        Map<String, JsonObject> apiDocs = new LinkedHashMap<>();
        Map<String, JsonObject> policies = new LinkedHashMap<>();
        Map<String, JsonObject> actions = new LinkedHashMap<>();
        for (int i = 0; i < apis; i++) {
            String id = UUID.randomUUID().toString();
            String policy = UUID.randomUUID().toString();
            String transport = UUID.randomUUID().toString();
            String routing = UUID.randomUUID().toString();
            actions.put(transport, PolicyActions.entryProtocol(transport));
            actions.put(routing, PolicyActions.routing(routing, "http://127.0.0.1:9/api" + i + "${sys:resource_path}"));
            policies.put(policy, Policies.serviceDefault(policy, "Bench" + i, transport, routing));
            apiDocs.put(id, new JsonObject().put("id", id).put("apiName", "Bench" + i).put("apiVersion", "1.0").put("type", "REST")
                .put("isActive", true).put("policies", new JsonArray().add(policy)).put("owner", "Administrator")
                .put("apiDefinition", TestApis.openApi("Bench" + i, "http://127.0.0.1:9/api" + i, "/items", "/items/{id}", "/orders")));
        }
        String[] apiIds = apiDocs.keySet().toArray(String[]::new);
        Map<String, JsonObject> appDocs = new LinkedHashMap<>();
        for (int i = 0; i < apps; i++) {
            String id = UUID.randomUUID().toString();
            appDocs.put(id, new JsonObject().put("id", id).put("name", "App" + i).put("version", "1.0")
                .put("identifiers", new JsonArray()).put("consumingAPIs", new JsonArray().add(apiIds[i % apiIds.length]))
                .put("accessTokens", new JsonObject().put("apiAccessKey_credentials", Applications.apiKeyCredentials(Applications.randomHex()))
                    .put("oauth_credentials", Applications.oauthCredentials("App" + i, null)
                        .put(Applications.SECRET_HASH, Applications.hash(Applications.randomHex())))));
        }
        AssetStore store = NodeProbe.of(gw.node()).store();
        Await.result(store.putAll(AssetType.POLICY_ACTIONS, actions));
        Await.result(store.putAll(AssetType.POLICIES, policies));
        Await.result(store.putAll(AssetType.APPLICATIONS, appDocs));
        Await.result(store.putAll(AssetType.APIS, apiDocs));
        System.out.printf("seeded: %d APIs, %d policies, %d policy actions, %d applications%n", apis, policies.size(),
            actions.size(), apps);
    }

    static void phase(String name, int apis, int apps, int targetSeconds, Supplier<String> work) {
        System.gc();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong(MEMORY.getHeapMemoryUsage().getUsed());
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20); // sampling interval
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        String what = work.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        System.out.printf("%s: %d APIs with their policies and %d applications in %.2f s (target %d s), peak heap %d MiB; %s %s%n",
            name, apis, apps, seconds, targetSeconds, peak.get() >> 20, what, seconds < targetSeconds ? "PASS" : "FAIL");
    }

    static String firstApis(TestGateway gw, int n) {
        return String.join(",", Await.result(NodeProbe.of(gw.node()).store().list(AssetType.APIS)).stream().limit(n)
            .map(a -> a.getString("id")).toList());
    }

    static int count(TestGateway gw, AssetType type) {
        return Await.result(NodeProbe.of(gw.node()).store().list(type)).size();
    }
}
