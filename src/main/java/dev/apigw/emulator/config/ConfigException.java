package dev.apigw.emulator.config;

/** A setting that cannot be used, named by its path in the configuration (e.g. {@code runtime.backendTimeoutMs}). */
public final class ConfigException extends RuntimeException {
    private final String path;

    public ConfigException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
