package dev.apigw.emulator.deploy;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.runtime.RouteRegistry;
import dev.apigw.emulator.store.AppliedView;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.CoalescingRebuild;
import dev.apigw.emulator.store.SkippedAssets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;

/**
 * Keeps the {@link RouteRegistry} in step with the store: after a change of what routes are compiled from (APIs with
 * their mocks, policies, policy actions, aliases, gateway scope mappings; this node's or, through Redis, another's) it
 * reloads those and swaps in a freshly compiled table. Applications, plans, packages, users, webhooks and settings
 * never cause a rebuild (quota counters are not assets at all). Rebuilds run
 * on one context of their own ({@link CoalescingRebuild}): bursts of writes coalesce. What the compiler had to leave
 * out is reported to {@link SkippedAssets}.
 */
public final class Deployer implements Lifecycle, AppliedView {
    static final Set<AssetType> ROUTED = Set.of(AssetType.APIS, AssetType.POLICIES, AssetType.POLICY_ACTIONS,
        AssetType.ALIASES, AssetType.GATEWAY_SCOPES);
    private final AssetStore store;
    private final RouteRegistry registry;
    private final RouteCompiler compiler;
    private final SkippedAssets skipped;
    private final CoalescingRebuild rebuilds;

    public Deployer(Vertx vertx, AssetStore store, RouteRegistry registry, RouteCompiler compiler, SkippedAssets skipped) {
        this.store = store;
        this.registry = registry;
        this.compiler = compiler;
        this.skipped = skipped;
        this.rebuilds = new CoalescingRebuild(vertx, "route table", this::rebuild);
        store.onChange(change -> {
            if (change.type() == null || ROUTED.contains(change.type())) rebuilds.request();
        });
    }

    /** The first build; completes when the table is in place. */
    @Override
    public Future<Void> start() {
        return rebuilds.start();
    }

    @Override
    public Future<Void> applied() {
        return rebuilds.applied();
    }

    private Future<Void> rebuild() {
        return Future.all(List.of(store.list(AssetType.APIS), store.list(AssetType.POLICIES),
                store.list(AssetType.POLICY_ACTIONS), store.list(AssetType.ALIASES), store.list(AssetType.GATEWAY_SCOPES)))
            .map(all -> {
                RouteCompiler.Result result = compiler.compile(AssetSnapshot.of(all.resultAt(0), all.resultAt(1),
                    all.resultAt(2), all.resultAt(3), all.resultAt(4)));
                registry.swap(result.table());
                skipped.report("route table", result.skipped());
                return (Void) null;
            });
    }
}
