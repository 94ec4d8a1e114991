package dev.apigw.emulator.auth;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.store.AssetChange;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.AppliedView;
import dev.apigw.emulator.store.CoalescingRebuild;
import dev.apigw.emulator.store.SkippedAssets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every application, indexed by the credentials that identify it, so identification makes no store round trip.
 * Shared by all event loops: readers take the current immutable {@link Snapshot} (one volatile read); the index
 * rebuilds itself on its own context after any application change from the store's change feed (this node's or,
 * through Redis pub/sub, another's), coalescing bursts like the Deployer. If a rebuild fails the previous snapshot
 * stays. An application that does not read cleanly is left out (and reported to {@link SkippedAssets}); it never
 * keeps the others from being indexed.
 */
public final class ApplicationIndex implements Lifecycle, AppliedView {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationIndex.class);
    private final AssetStore store;
    private volatile Snapshot current = Snapshot.EMPTY;
    private final CoalescingRebuild rebuilds;
    private final SkippedAssets skipped;

    public ApplicationIndex(Vertx vertx, AssetStore store, SkippedAssets skipped) {
        this.store = store;
        this.skipped = skipped;
        this.rebuilds = new CoalescingRebuild(vertx, "application index", this::rebuild);
        store.onChange(change -> {
            AssetType t = change.type();
            if (t == null || t == AssetType.APPLICATIONS || t == AssetType.STRATEGIES) rebuilds.request();
        });
    }

    /** The first build; completes once the view is in place. */
    @Override
    public Future<Void> start() {
        return rebuilds.start();
    }

    public Snapshot current() {
        return current;
    }

    @Override
    public Future<Void> applied() {
        return rebuilds.applied();
    }

    private Future<Void> rebuild() {
        return Future.all(store.list(AssetType.APPLICATIONS), store.list(AssetType.STRATEGIES)).map(all -> {
            List<SkippedAssets.Skipped> left = new ArrayList<>();
            current = Snapshot.of(all.resultAt(0), all.resultAt(1), left);
            skipped.report("application index", left);
            return (Void) null;
        });
    }

    /**
     * One consistent view of all applications. {@code byClientId} holds each application's own OAuth2 client and the
     * clients of its local OAuth2 strategies ({@code authStrategyIds}); {@code clientScopes} the scopes a strategy's
     * client registered ({@code dcrConfig.scopes}).
     */
    public record Snapshot(Map<String, AppEntry> byId, Map<String, AppEntry> byApiKey, Map<String, AppEntry> byClientId,
                           Map<String, List<AppEntry>> byUser, Map<String, List<AppEntry>> byHost,
                           List<ClaimRule> claimRules, Map<String, java.util.Set<String>> clientScopes) {
        static final Snapshot EMPTY = of(List.of(), List.of(), new ArrayList<>());

        /** Indexes every application that reads cleanly; the others go to {@code skipped}, one entry each. */
        static Snapshot of(List<JsonObject> apps, List<JsonObject> strategies, List<SkippedAssets.Skipped> skipped) {
            Map<String, AppEntry> byId = new HashMap<>();
            Map<String, AppEntry> byKey = new HashMap<>();
            Map<String, AppEntry> byClient = new HashMap<>();
            Map<String, List<AppEntry>> byUser = new HashMap<>();
            Map<String, List<AppEntry>> byHost = new HashMap<>();
            List<ClaimRule> claims = new java.util.ArrayList<>();
            for (JsonObject app : apps) {
                AppEntry e;
                List<String> users;
                List<String> hosts;
                List<String> claimTexts;
                try { // everything that can fail first, so a bad application leaves no partial trace
                    e = AppEntry.of(app);
                    users = Applications.identifierValues(app, "httpBasicAuth");
                    hosts = Applications.identifierValues(app, "hostNameAddress");
                    claimTexts = Applications.identifierValues(app, "jwtClaims");
                } catch (RuntimeException ex) {
                    skipped.add(new SkippedAssets.Skipped(AssetType.APPLICATIONS, String.valueOf(app.getValue("id")),
                        "not usable for identification: " + ex.getMessage()));
                    continue;
                }
                byId.put(e.id(), e);
                String key = Applications.apiKey(app);
                if (key != null) byKey.put(key, e);
                if (e.clientId() != null) byClient.put(e.clientId(), e);
                for (String u : users) add(byUser, u, e);
                for (String h : hosts) add(byHost, h.toLowerCase(), e);
                for (String c : claimTexts) {
                    ClaimRule rule = ClaimRule.parse(c, e);
                    if (rule != null) claims.add(rule);
                }
            }
            Map<String, java.util.Set<String>> scopes = new HashMap<>();
            StrategyClients.add(apps, strategies, byId, byClient, scopes);
            return new Snapshot(Map.copyOf(byId), Map.copyOf(byKey), Map.copyOf(byClient), Map.copyOf(byUser),
                Map.copyOf(byHost), List.copyOf(claims), Map.copyOf(scopes));
        }

        private static void add(Map<String, List<AppEntry>> map, String k, AppEntry e) {
            map.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(e);
        }
    }

    /** A {@code jwtClaims} identifier: the application is identified when every listed claim equals the JWT's. */
    public record ClaimRule(JsonObject claims, AppEntry app) {
        static ClaimRule parse(String json, AppEntry app) {
            try {
                JsonObject claims = new JsonObject(json);
                return claims.isEmpty() ? null : new ClaimRule(claims, app);
            } catch (RuntimeException e) {
                LOG.warn("application {} has a jwtClaims identifier that is not a JSON object; ignored", app.id());
                return null;
            }
        }

        public boolean matches(JsonObject jwtClaims) {
            for (Map.Entry<String, Object> c : claims) {
                Object actual = jwtClaims.getValue(c.getKey());
                if (actual == null || !String.valueOf(actual).equals(String.valueOf(c.getValue()))) return false;
            }
            return true;
        }
    }
}
