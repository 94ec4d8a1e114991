package dev.apigw.emulator.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed reads from a merged configuration tree; every failure names the setting's full path. */
final class ConfigReader {
    private final JsonObject json;
    private final String prefix;

    ConfigReader(JsonObject json, String prefix) {
        this.json = json == null ? new JsonObject() : json;
        this.prefix = prefix;
    }

    String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    ConfigReader child(String key) {
        Object value = json.getValue(key);
        if (value != null && !(value instanceof JsonObject)) {
            throw new ConfigException(path(key), "must be a mapping");
        }
        return new ConfigReader((JsonObject) value, path(key));
    }

    String string(String key) {
        Object value = json.getValue(key);
        if (value == null) return "";
        if (value instanceof JsonObject || value instanceof JsonArray) {
            throw new ConfigException(path(key), "must be a text value");
        }
        return value.toString();
    }

    long number(String key, long min, long max) {
        Object value = json.getValue(key);
        long n;
        if (value instanceof Number num) {
            if (!(num instanceof Integer || num instanceof Long || num instanceof Short)) {
                // 1.5 would silently become 1; a huge YAML integer (BigInteger) would wrap around
                throw new ConfigException(path(key), "must be a whole number between " + min + " and " + max
                    + ", was " + value);
            }
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(string(key).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(path(key), "must be a whole number, was '" + value + "'");
            }
        }
        if (n < min || n > max) {
            throw new ConfigException(path(key), "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    int integer(String key, int min, int max) {
        return (int) number(key, min, max);
    }

    boolean bool(String key) {
        Object value = json.getValue(key);
        if (value instanceof Boolean b) return b;
        String s = string(key).trim().toLowerCase();
        if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
        throw new ConfigException(path(key), "must be true or false, was '" + value + "'");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
        String s = string(key).trim().toUpperCase().replace('-', '_');
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path(key), "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                + ", was '" + string(key) + "'");
        }
    }
}
