package dev.apigw.emulator.deploy;

import dev.apigw.emulator.alias.AliasTable;
import dev.apigw.emulator.runtime.DesignTime;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@link DesignTime} over one asset snapshot: its aliases (for this node's stage) and scope mappings. */
final class SnapshotDesignTime implements DesignTime {
    private final AliasTable aliases;
    private final List<JsonObject> scopeMappings;

    SnapshotDesignTime(AssetSnapshot assets, String stage) {
        this.aliases = AliasTable.of(assets.aliases(), stage);
        this.scopeMappings = List.copyOf(assets.scopeMappings());
    }

    @Override
    public String resolve(String text) {
        return aliases.resolve(text);
    }

    @Override
    public JsonObject alias(String name) {
        String n = name == null ? "" : name.trim();
        if (n.startsWith("${") && n.endsWith("}")) n = n.substring(2, n.length() - 1);
        return aliases.find(n);
    }

    @Override
    public List<JsonObject> scopeMappings() {
        return scopeMappings;
    }
}
