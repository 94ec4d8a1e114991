package dev.apigw.emulator.config;

/** Choices where sources about the real product disagree. */
public record CompatConfig(int repeatActivationStatus) {
    public CompatConfig {
        if (repeatActivationStatus != 400 && repeatActivationStatus != 500) {
            throw new ConfigException("compat.repeatActivationStatus", "must be 400 or 500, was " + repeatActivationStatus);
        }
    }

    static CompatConfig from(ConfigReader r) {
        return new CompatConfig(r.integer("repeatActivationStatus", 100, 599));
    }
}
