package dev.apigw.emulator.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the configuration tree: built-in defaults ({@code apigw-defaults.yaml}), then the YAML file, then
 * environment variables. Every setting has an environment name: {@code APIGW_} followed by its path in upper
 * snake case, e.g. {@code runtime.backendTimeoutMs} becomes {@code APIGW_RUNTIME_BACKEND_TIMEOUT_MS}.
 * Runs once at start, before any event loop exists, so its file reads may block.
 */
public final class ConfigLoader {
    static final String DEFAULTS = "apigw-defaults.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    public static GatewayConfig load(Path file, Map<String, String> env) {
        JsonObject tree = defaults();
        if (file != null) {
            JsonObject fromFile = withoutEmpty(readFile(file));
            rejectUnknown(tree, fromFile, "");
            tree.mergeIn(fromFile, true);
        }
        applyProductVariables(tree, env);
        applyEnvironment(tree, "", env);
        return GatewayConfig.fromJson(tree);
    }

    /** The defaults alone, with environment overrides: what tests and the demo start from. */
    public static JsonObject defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            return new JsonObject(YAML.readValue(in, Map.class));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("built-in " + DEFAULTS + " is unreadable", e);
        }
    }

    @SuppressWarnings("unchecked")
    static JsonObject readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("(file)", "configuration file " + file + " does not exist");
        }
        try {
            // readTree, because an empty or comments-only file is a valid "use the defaults", not an error
            com.fasterxml.jackson.databind.JsonNode root = YAML.readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) return new JsonObject();
            if (!root.isObject()) throw new ConfigException("(root)", "must be a mapping of settings");
            return new JsonObject(YAML.convertValue(root, Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException("(file)", file + " is not valid YAML"
                + (loc == null ? "" : " at line " + loc.getLineNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("(file)", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** {@code redis:} or {@code port:} with nothing after it means "keep the default", not "null". */
    private static JsonObject withoutEmpty(JsonObject given) {
        JsonObject out = new JsonObject();
        for (String key : given.fieldNames()) {
            Object value = given.getValue(key);
            if (value instanceof JsonObject child) out.put(key, withoutEmpty(child));
            else if (value != null) out.put(key, value);
        }
        return out;
    }

    /** A typo in a setting name would otherwise be silently ignored. */
    private static void rejectUnknown(JsonObject known, JsonObject given, String prefix) {
        for (String key : given.fieldNames()) {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (!known.containsKey(key)) {
                throw new ConfigException(path, "unknown setting; did you mean "
                    + (prefix.isEmpty() ? "" : prefix + ".") + ConfigNames.closest(key, known.fieldNames()) + "?");
            }
            Object k = known.getValue(key);
            Object g = given.getValue(key);
            if (k instanceof JsonObject kObj && !kObj.isEmpty()) {
                if (g != null && !(g instanceof JsonObject)) throw new ConfigException(path, "must be a mapping");
                if (g != null) rejectUnknown(kObj, (JsonObject) g, path);
            }
        }
    }

    /**
     * The product's container convention for the administrator's password, {@value #ADMINISTRATOR_PASSWORD}: honoured
     * below {@code APIGW_ADMIN_PASSWORD}, which wins when both are set.
     */
    public static final String ADMINISTRATOR_PASSWORD = "ADMINISTRATOR_PASSWORD";

    private static void applyProductVariables(JsonObject tree, Map<String, String> env) {
        String password = env.get(ADMINISTRATOR_PASSWORD);
        if (password != null && !password.isEmpty()) tree.getJsonObject("admin").put("password", password);
    }

    private static void applyEnvironment(JsonObject tree, String prefix, Map<String, String> env) {
        for (String key : tree.fieldNames()) {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            Object value = tree.getValue(key);
            if (value instanceof JsonObject child) {
                applyEnvironment(child, path, env);
                continue;
            }
            String override = env.get(envName(path));
            if (override != null) tree.put(key, override);
        }
    }

    /** {@code runtime.backendTimeoutMs} → {@code APIGW_RUNTIME_BACKEND_TIMEOUT_MS}. */
    public static String envName(String path) {
        StringBuilder sb = new StringBuilder("APIGW_");
        for (char c : path.toCharArray()) {
            if (c == '.') sb.append('_');
            else if (Character.isUpperCase(c)) sb.append('_').append(c);
            else sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }
}
