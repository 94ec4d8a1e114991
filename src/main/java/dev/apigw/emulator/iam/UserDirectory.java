package dev.apigw.emulator.iam;

import dev.apigw.emulator.config.AdminConfig;
import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.store.AppliedView;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import dev.apigw.emulator.store.CoalescingRebuild;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may sign in: the configured administrator (the bootstrap account, checked against the configuration) and the
 * local users of {@code /users} (checked against their PBKDF2 hash). Used by the admin API's Basic authentication
 * and by the {@code httpBasicAuth} identification of the runtime.
 *
 * <p>Shared by every event loop. Users are held in an immutable snapshot rebuilt from the store's change feed.
 * A verification that misses the verdict cache runs PBKDF2 on a small worker pool, never on the event loop; verdicts
 * are cached by a SHA-256 fingerprint of (stored hash, login, password), so a changed password or user invalidates
 * them by construction, and a repeated call costs one SHA-256.
 */
public final class UserDirectory implements Lifecycle, AppliedView {
    private static final int MAX_VERDICTS = 10_000;
    private final AssetStore store;
    private final AdminConfig admin;
    private final WorkerExecutor workers;
    private final CoalescingRebuild rebuilds;
    private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();
    private volatile Map<String, JsonObject> byLogin = Map.of();

    public UserDirectory(Vertx vertx, AssetStore store, AdminConfig admin) {
        this.store = store;
        this.admin = admin;
        this.workers = vertx.createSharedWorkerExecutor("apigw-password-hash", 2);
        this.rebuilds = new CoalescingRebuild(vertx, "user directory", this::rebuild);
        store.onChange(change -> {
            if (change.type() == null || change.type() == AssetType.USERS) rebuilds.request();
        });
    }

    @Override
    public Future<Void> start() {
        return rebuilds.start();
    }

    @Override
    public Future<Void> applied() {
        return rebuilds.applied();
    }

    @Override
    public Future<Void> stop() {
        return workers.close();
    }

    private Future<Void> rebuild() {
        return store.list(AssetType.USERS).map(users -> {
            Map<String, JsonObject> next = new HashMap<>();
            for (JsonObject u : users) if (u.getValue("loginId") instanceof String login) next.put(login, u);
            byLogin = Map.copyOf(next);
            return null;
        });
    }

    public String adminLogin() {
        return admin.username();
    }

    /** Every login the directory knows, the administrator first. */
    public List<String> logins() {
        List<String> out = new java.util.ArrayList<>(List.of(admin.username()));
        byLogin.keySet().stream().sorted().filter(l -> !l.equals(admin.username())).forEach(out::add);
        return out;
    }

    /**
     * Whether the pair signs in: the administrator's configured credentials, or an active local user's password.
     * Completes at once for the administrator and for cached verdicts; otherwise after PBKDF2 on a worker.
     */
    public Future<Boolean> verify(String login, String password) {
        if (login == null || password == null) return Future.succeededFuture(false);
        if (login.equals(admin.username())) return Future.succeededFuture(sameText(password, admin.password()));
        JsonObject user = byLogin.get(login);
        if (user != null) return verify(user, login, password);
        // not in the snapshot yet (created a moment ago, the rebuild still running): ask the store
        return store.list(AssetType.USERS).compose(users -> {
            JsonObject found = users.stream().filter(u -> login.equals(u.getValue("loginId"))).findFirst().orElse(null);
            return found == null ? Future.succeededFuture(false) : verify(found, login, password);
        });
    }

    private Future<Boolean> verify(JsonObject user, String login, String password) {
        if (Boolean.FALSE.equals(Lenient.bool(user.getValue("active")))) return Future.succeededFuture(false);
        String stored = user.getString("passwordHash");
        if (stored == null) return Future.succeededFuture(false);
        String key = Passwords.fingerprint(login, password, stored);
        Boolean known = verdicts.get(key);
        if (known != null) return Future.succeededFuture(known);
        return workers.executeBlocking(() -> Passwords.matches(password, stored), false).onSuccess(ok -> {
            if (verdicts.size() >= MAX_VERDICTS) verdicts.clear(); // crude bound: a refill costs one PBKDF2 per pair
            verdicts.put(key, ok);
        });
    }

    /** A new PBKDF2 hash of a password, computed on a worker. */
    public Future<String> hash(String password) {
        return workers.executeBlocking(() -> Passwords.hash(password), false);
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
