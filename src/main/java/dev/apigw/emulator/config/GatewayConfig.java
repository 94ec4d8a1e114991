package dev.apigw.emulator.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The whole configuration of one gateway node, immutable and validated at start.
 *
 * @param seedDir the seed directory ({@code seed.dir}), or null
 */
public record GatewayConfig(String host, int port, int instances, Path dataDir, AdminConfig admin,
                            RedisConfig redis, RuntimeConfig runtime, CompatConfig compat, DemoConfig demo,
                            AuthConfig auth, RateLimitConfig rateLimit, OpsConfig ops, LoggingConfig logging,
                            Path seedDir, ArchiveConfig archive, MigrationConfig migration, AliasConfig aliases,
                            LimitsConfig limits, DefinitionImportConfig definitionImport, EventsConfig events,
                            PromotionConfig promotion) {

    public GatewayConfig {
        if (host.isBlank()) throw new ConfigException("host", "must not be empty");
        if (dataDir.toString().isBlank()) throw new ConfigException("dataDir", "must not be empty");
    }

    public static GatewayConfig fromJson(JsonObject json) {
        ConfigReader r = new ConfigReader(json, "");
        return new GatewayConfig(
            r.string("host"),
            r.integer("port", 0, 65535),
            r.integer("instances", 0, 256),
            Path.of(r.string("dataDir")),
            AdminConfig.from(r.child("admin")),
            RedisConfig.from(r.child("redis")),
            RuntimeConfig.from(r.child("runtime")),
            CompatConfig.from(r.child("compat")),
            DemoConfig.from(r.child("demo")),
            AuthConfig.from(r.child("auth")),
            RateLimitConfig.from(r.child("rateLimit")),
            OpsConfig.from(r),
            LoggingConfig.from(r.child("logging")),
            seedDir(r.child("seed").string("dir")),
            ArchiveConfig.from(r.child("archive")),
            MigrationConfig.from(r.child("migration")),
            AliasConfig.from(r.child("aliases")),
            LimitsConfig.from(r.child("limits")),
            DefinitionImportConfig.from(r.child("definitionImport")),
            EventsConfig.from(r.child("events")),
            PromotionConfig.from(r.child("promotion")));
    }

    /** {@code seed.dir}: asset files imported at start; null when not set. */
    private static Path seedDir(String dir) {
        return dir.isBlank() ? null : Path.of(dir.trim());
    }

    /** Event-loop verticle instances to deploy: the setting, or one per core when it is 0. */
    public int effectiveInstances() {
        return instances > 0 ? instances : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public boolean usesRedis() {
        return !redis.url().isBlank();
    }
}
