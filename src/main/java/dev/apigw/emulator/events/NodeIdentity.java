package dev.apigw.emulator.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The name this node gives its events ({@code sourceGatewayNode}, the prefix of event and correlation ids, its
 * Redis stream): a UUID kept in {@code <dataDir>/node-id}, so a restarted node goes on with the same stream.
 * Loaded on the writer thread (file I/O); immutable.
 */
final class NodeIdentity {
    private final String id;
    private final String prefix;
    private final String correlationPrefix;

    NodeIdentity(String id) {
        this.id = id;
        this.prefix = id + ":";
        this.correlationPrefix = "APIGW:" + id + ":";
    }

    static NodeIdentity load(Path dataDir) throws IOException {
        Path file = dataDir.resolve("node-id");
        if (Files.isRegularFile(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) return new NodeIdentity(id);
        }
        Files.createDirectories(dataDir);
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return new NodeIdentity(id);
    }

    String id() {
        return id;
    }

    /** {@code <id>:}, the prefix of this node's event ids. */
    String prefix() {
        return prefix;
    }

    /** {@code APIGW:<id>:}, the prefix of this node's correlation ids (the product's form). */
    String correlationPrefix() {
        return correlationPrefix;
    }
}
