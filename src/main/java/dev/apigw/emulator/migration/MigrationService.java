package dev.apigw.emulator.migration;

import dev.apigw.emulator.archive.ArchiveImporter;
import dev.apigw.emulator.archive.ArchiveWorkspace;
import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.config.MigrationConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.MetricsStore;
import dev.apigw.emulator.store.QuotaCounterStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration API's actions, one at a time per node: {@link #start} answers at once and runs the action in the
 * background; {@link #status} reports {@code in progress}, {@code success} or {@code failure} (with
 * {@code failureReason} and the counts of what was cleaned, copied or checked), one status per action as in the
 * product. Each completion emits the action's webhook event. Thread-safe: the admin API calls it from any event loop.
 *
 * <ul>
 *   <li>clean: empties this node's design-time store (APIs first, so none stays routed to a removed policy); its
 *       webhooks stay, as they are how the completion is reported.</li>
 *   <li>reindex: copies from the source ({@link MigrationSource}): {@code core} = every design-time asset with the
 *       applications' keys and credentials, webhooks and settings; {@code logsevents} / {@code analyticsandlogs} =
 *       published metrics and quota counters; {@code all} = both. The source is read in full before anything is
 *       written, and APIs are written last, so a failing source leaves nothing partial active.</li>
 *   <li>transform: checks what arrived ({@link Transformer}).</li>
 * </ul>
 */
public final class MigrationService implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationService.class);
    /** Emptied by clean, in this order; webhooks are kept. */
    private static final List<AssetType> CLEANED = List.of(AssetType.APIS, AssetType.APPLICATIONS, AssetType.PLANS,
        AssetType.PACKAGES, AssetType.POLICIES, AssetType.POLICY_ACTIONS, AssetType.ALIASES, AssetType.SETTINGS,
        AssetType.STRATEGIES, AssetType.GATEWAY_SCOPES, AssetType.USERS, AssetType.GROUPS, AssetType.ACCESS_PROFILES);

    /** A failed action with what it did get done. */
    static final class Failure extends RuntimeException {
        final JsonObject counts;

        Failure(String reason, JsonObject counts) {
            super(reason, null, false, false);
            this.counts = counts;
        }
    }

    private final Vertx vertx;
    private final AssetStore store;
    private final MigrationConfig config;
    private final ArchiveWorkspace workspace;
    private final ArchiveImporter importer;
    private final BiConsumer<String, JsonObject> events;
    private final List<Supplier<Future<Void>>> views;
    private final CoreWriter writer;
    private final LogsEventsWriter logs;
    private final QuotaCounterStore counters;
    private final AssetValidation validation;
    private final WebClient client;
    private final AtomicReference<String> running = new AtomicReference<>();
    private final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();

    /**
     * @param store the store written to; {@code views} are awaited before an action reports success
     * @param events where completions go (the webhook dispatcher's {@code emit}); must return at once
     */
    public MigrationService(Vertx vertx, AssetStore store, MetricsStore metrics, QuotaCounterStore counters,
                            AssetValidation validation, ArchiveWorkspace workspace, ArchiveImporter importer,
                            MigrationConfig config, BiConsumer<String, JsonObject> events,
                            List<Supplier<Future<Void>>> views) {
        this.vertx = vertx;
        this.store = store;
        this.config = config;
        this.workspace = workspace;
        this.importer = importer;
        this.events = events;
        this.views = List.copyOf(views);
        this.validation = validation;
        this.writer = new CoreWriter(store, workspace, validation);
        this.counters = counters;
        this.logs = new LogsEventsWriter(store, counters, metrics);
        this.client = WebClient.create(vertx);
    }

    /** The status a started action answers with: 202 (swagger) unless configured 201 (the upgrade guide). */
    public int acceptedStatus() {
        return config.acceptedStatus();
    }

    /** Starts the action; a 409 while any action runs. Returns {@code {"status":" <action> operation is in progress"}}. */
    public JsonObject start(MigrationRequest request) {
        if (!running.compareAndSet(null, request.action())) {
            throw GatewayException.admin(409, "MIGRATION_IN_PROGRESS", "The migration action " + running.get()
                + " is in progress; start " + request.action() + " once it has completed");
        }
        statuses.put(request.action(), status("in progress", null, new JsonObject()));
        Future<JsonObject> work;
        try {
            work = run(request).compose(counts -> settled().map(counts));
        } catch (RuntimeException e) {
            work = Future.failedFuture(e);
        }
        work.onComplete(ar -> finish(request, ar));
        return new JsonObject().put("status", " " + request.action() + " operation is in progress");
    }

    /** The status of the action's latest run, or null if it never ran on this node. */
    public JsonObject status(String action) {
        JsonObject s = statuses.get(action);
        return s == null ? null : s.copy();
    }

    private Future<JsonObject> run(MigrationRequest r) {
        return switch (r.action()) {
            case "clean" -> clean();
            case "transform" -> new Transformer(store, workspace, validation).run();
            case "reindex" -> reindex(r);
            default -> Future.succeededFuture(new JsonObject()); // backup: the emulator keeps no snapshot repository
        };
    }

    private Future<JsonObject> clean() {
        JsonObject counts = new JsonObject();
        Future<Void> chain = Future.succeededFuture();
        for (AssetType type : CLEANED) chain = chain.compose(v -> store.deleteAll(type).map(n -> counts.put(type.key(), n)).mapEmpty());
        return chain.compose(v -> counters.clear()).map(counts); // the quota counters go with the settings, as they did
    }

    private Future<JsonObject> reindex(MigrationRequest r) {
        MigrationSource source = r.source().redis()
            ? new RedisSource(vertx, r.source().url(), config.sourceTimeoutMs(), writer, workspace)
            : new GatewaySource(vertx, client, r.source(), config.sourceTimeoutMs(), workspace, importer, writer);
        Future<JsonObject> done = switch (r.indicesType()) {
            case "core" -> source.copyCore();
            case "all" -> source.copyCore().compose(core -> source.logsEvents().compose(logs::write)
                .map(runtime -> core.copy().mergeIn(runtime)));
            default -> source.logsEvents().compose(logs::write);
        };
        return done.andThen(ar -> source.close());
    }

    private Future<Void> settled() {
        return Future.all(views.stream().map(Supplier::get).toList()).mapEmpty();
    }

    private void finish(MigrationRequest r, AsyncResult<JsonObject> ar) {
        JsonObject result;
        if (ar.succeeded()) {
            result = status("success", null, ar.result());
        } else {
            Throwable err = ar.cause();
            String reason = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
            if (!(err instanceof Failure) && !(err instanceof MigrationSource.SourceException)) LOG.warn("migration {} failed", r.action(), err);
            result = status("failure", reason, err instanceof Failure f ? f.counts : new JsonObject());
        }
        statuses.put(r.action(), result);
        running.set(null);
        LOG.info("migration {}{} ended: {}", r.action(), r.indicesType() == null ? "" : " " + r.indicesType(), result.encode());
        if (r.event() != null) {
            events.accept(r.event(), result.copy().put("action", r.action()).put("indicesType", r.indicesType()));
        }
    }

    private static JsonObject status(String status, String reason, JsonObject counts) {
        return new JsonObject().put("status", status).put("failureReason", reason).put("counts", counts);
    }

    @Override
    public Future<Void> stop() {
        client.close();
        return Future.succeededFuture();
    }
}
