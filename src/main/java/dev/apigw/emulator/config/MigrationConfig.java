package dev.apigw.emulator.config;

/**
 * The migration API ({@code POST /rest/apigateway/migration}).
 *
 * @param acceptedStatus the status answering a started action: 202 (the swagger) or 201 (the 10.7 upgrade guide)
 * @param sourceTimeoutMs bound on each call to the source: the old gateway's admin API or its Redis
 */
public record MigrationConfig(int acceptedStatus, long sourceTimeoutMs) {

    public MigrationConfig {
        if (acceptedStatus != 201 && acceptedStatus != 202) {
            throw new ConfigException("migration.acceptedStatus", "must be 201 or 202, was " + acceptedStatus);
        }
    }

    static MigrationConfig from(ConfigReader r) {
        return new MigrationConfig(r.integer("acceptedStatus", 100, 599), r.number("sourceTimeoutMs", 1, 3_600_000));
    }
}
