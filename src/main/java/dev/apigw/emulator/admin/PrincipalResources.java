package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.iam.BuiltInPrincipals;
import dev.apigw.emulator.iam.UserDirectory;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * {@code /users}, {@code /groups} and {@code /accessProfiles} in the product's shapes: lists wrapped
 * ({@code {"users":[...]}}), GET by id wrapped as a one-element list for users and groups and bare for access
 * profiles, POST 201 and PUT 200 bare. Passwords are stored as PBKDF2 hashes and always read back masked; the
 * administrator is the configured bootstrap account and cannot be changed here.
 */
final class PrincipalResources {
    static final String MASK = "********************************";
    private final AssetCrud users;
    private final AssetCrud groups;
    private final AssetCrud profiles;

    PrincipalResources(AssetStore store, AssetValidation validation, UserDirectory directory) {
        this.users = new AssetCrud(store, validation, AssetType.USERS, new AssetCrud.Shape("users", "users", true, null, 201),
            new Users(store, directory));
        this.groups = new AssetCrud(store, validation, AssetType.GROUPS, new AssetCrud.Shape("groups", "groups", true, null, 201),
            new Named("Group", "userIds", BuiltInPrincipals.groups(directory.adminLogin())));
        this.profiles = new AssetCrud(store, validation, AssetType.ACCESS_PROFILES, new AssetCrud.Shape("accessProfiles", null, false,
            null, 201), new Named("AccessProfile", "groupIds", BuiltInPrincipals.accessProfiles()));
    }

    void mount(Router router) {
        users.mount(router, "/users");
        groups.mount(router, "/groups");
        profiles.mount(router, "/accessProfiles");
    }

    static JsonArray strings(JsonObject doc, String key) {
        Object v = doc.getValue(key);
        if (v == null) return new JsonArray();
        if (!(v instanceof JsonArray arr) || !arr.stream().allMatch(o -> o instanceof String)) {
            throw GatewayException.invalidPayload("'" + key + "' must be an array of strings");
        }
        return arr;
    }

    static String requiredText(JsonObject doc, String key) {
        if (!(doc.getValue(key) instanceof String s) || s.isBlank()) {
            throw GatewayException.invalidPayload("the mandatory field " + key + " is missing");
        }
        return s;
    }

    /** Groups and access profiles: a name, a description, a member list. */
    private record Named(String label, String members, List<JsonObject> builtIns) implements AssetCrud.Kind {
        @Override
        public JsonObject validate(JsonObject body, JsonObject existing) {
            JsonObject doc = body.copy();
            requiredText(doc, "name");
            doc.put(members, strings(doc, members));
            if (doc.getValue("description") != null && !(doc.getValue("description") instanceof String)) {
                throw GatewayException.invalidPayload("'description' must be a string");
            }
            if (label.equals("Group")) doc.put("type", "local");
            if (existing != null && Boolean.TRUE.equals(existing.getValue("systemDefined"))) doc.put("systemDefined", true);
            else doc.put("systemDefined", false);
            return doc;
        }

        @Override
        public GatewayException notFound(String id) {
            return GatewayException.admin(404, "NOT_FOUND", label + " with id: " + id + " does not exist.");
        }
    }

    /** Local users: a unique loginId, a password hashed on write and masked on read. */
    private record Users(AssetStore store, UserDirectory directory) implements AssetCrud.Kind {
        @Override
        public JsonObject validate(JsonObject body, JsonObject existing) {
            if (existing != null && Boolean.TRUE.equals(existing.getValue("systemDefined"))) {
                throw GatewayException.admin(400, "SYSTEM_DEFINED", "The system defined user " + existing.getString("id")
                    + " is the configured administrator and cannot be changed through the API.");
            }
            // a PUT changes what it sends and keeps the rest (a pipeline switching a user off sends only "active")
            JsonObject in = body.copy();
            in.remove("passwordHash"); // only the gateway writes hashes
            JsonObject doc = existing == null ? in : existing.copy().mergeIn(in);
            requiredText(doc, "loginId");
            Object pw = doc.getValue("password");
            if (existing == null && !(pw instanceof String p && !p.isEmpty())) {
                throw GatewayException.invalidPayload("the mandatory field password is missing");
            }
            if (pw != null && !(pw instanceof String)) throw GatewayException.invalidPayload("'password' must be a string");
            for (String k : List.of("emailAddresses", "groupIds")) doc.put(k, strings(doc, k));
            String bad = Lenient.normaliseBooleans(doc, "active", "allowDigestAuth");
            if (bad != null) throw GatewayException.invalidPayload("'" + bad + "' must be true or false");
            if (doc.getValue("active") == null) doc.put("active", true);
            if (doc.getValue("allowDigestAuth") == null) doc.put("allowDigestAuth", false);
            return doc.put("type", "local").put("systemDefined", false);
        }

        /** Unique login; the password hashed on a worker (a masked or absent one keeps the current hash). */
        @Override
        public Future<JsonObject> prepare(JsonObject doc, JsonObject existing) {
            String login = doc.getString("loginId");
            String id = doc.getString("id");
            return store.list(AssetType.USERS).compose(all -> {
                boolean taken = login.equals(directory.adminLogin()) || all.stream()
                    .anyMatch(u -> login.equals(u.getValue("loginId")) && !id.equals(u.getString("id")));
                if (taken) throw GatewayException.admin(400, "USER_EXISTS", "User with loginId " + login + " already exists.");
                Object pw = doc.remove("password");
                if (pw instanceof String p && !p.isEmpty() && !p.equals(MASK)) {
                    return directory.hash(p).map(h -> doc.put("passwordHash", h));
                }
                return Future.succeededFuture(doc.put("passwordHash", existing == null ? null : existing.getValue("passwordHash")));
            });
        }

        @Override
        public JsonObject view(JsonObject stored) {
            JsonObject out = stored.copy();
            out.remove("passwordHash");
            return out.put("password", MASK);
        }

        @Override
        public List<JsonObject> builtIns() {
            return List.of(BuiltInPrincipals.administrator(directory.adminLogin()));
        }

        @Override
        public GatewayException notFound(String id) {
            return GatewayException.admin(404, "NOT_FOUND", "User with id: " + id + " does not exist.");
        }
    }
}
