package dev.apigw.emulator.config;

/**
 * Archive export and import.
 *
 * @param passphrase protects API keys, OAuth2 credentials and the JWT signing key in exported archives (AES-256-GCM
 *     under a PBKDF2 key); empty = secrets are masked and do not travel, and imports generate new API keys
 * @param runtimeVersion the product version written into the manifest of exported archives
 * @param maxZipBytes the largest archive accepted for import (the product's {@code maxAllowedZipFileSize})
 * @param maxEntryBytes the largest uncompressed entry of an archive (a guard against zip bombs)
 */
public record ArchiveConfig(String passphrase, String runtimeVersion, long maxZipBytes, long maxEntryBytes) {

    public ArchiveConfig {
        if (runtimeVersion.isBlank()) throw new ConfigException("archive.runtimeVersion", "must not be empty");
    }

    static ArchiveConfig from(ConfigReader r) {
        return new ArchiveConfig(r.string("passphrase"), r.string("runtimeVersion"),
            r.number("maxZipBytes", 1024, 8L << 30), r.number("maxEntryBytes", 1024, 2L << 30));
    }

    @Override
    public String toString() {
        return "ArchiveConfig[passphrase=" + (passphrase.isEmpty() ? "(none)" : "(set)") + ", runtimeVersion="
            + runtimeVersion + ", maxZipBytes=" + maxZipBytes + ", maxEntryBytes=" + maxEntryBytes + "]";
    }
}
