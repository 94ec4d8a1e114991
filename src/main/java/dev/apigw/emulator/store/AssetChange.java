package dev.apigw.emulator.store;

/**
 * One asset written or deleted, on this node or another. {@code id == null} means "anything may have changed"
 * (sent after the change feed was interrupted), so listeners reload everything.
 */
public record AssetChange(AssetType type, String id) {
    public static final AssetChange EVERYTHING = new AssetChange(null, null);
}
