package dev.apigw.emulator.promotion;

import dev.apigw.emulator.archive.ExportSelection;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked {@code POST /promotion}: the body ({@code name, description, destinationStages:[stageId],
 * promotedAssets:{"api":[ids], "application":[ids], ...}, includeApplications, includeApis}) and what the stage's
 * archive import overwrites ({@code overwriteAssets}, else {@code overwrite=true|false}, else the configured default).
 * Asset types are matched case-insensitively as the archive's search types ({@code api}, {@code USERS},
 * {@code gateway_scope}, ...); types the emulator keeps nothing of (LDAP groups, key stores, ...) select nothing.
 */
public record PromotionRequest(JsonObject body, List<String> stageIds, Map<AssetType, Set<String>> assets,
                               boolean includeApplications, String overwrite) {

    /** Parses the body and the query values; a 400 in the admin error shape when the body cannot be promoted. */
    public static PromotionRequest parse(JsonObject body, String overwrite, String overwriteAssets, String defaultOverwrite) {
        if (!(body.getValue("destinationStages") instanceof JsonArray stages) || stages.isEmpty()
            || stages.stream().anyMatch(s -> !(s instanceof String id) || id.isBlank())) {
            throw GatewayException.invalidPayload("destinationStages must be a non-empty array of stage ids");
        }
        if (!(body.getValue("promotedAssets") instanceof JsonObject promoted)) {
            throw GatewayException.invalidPayload("promotedAssets must be an object of asset type to asset ids");
        }
        for (String k : List.of("name", "description")) {
            if (body.getValue(k) != null && !(body.getValue(k) instanceof String)) throw GatewayException.invalidPayload("'" + k + "' must be a string");
        }
        Map<AssetType, Set<String>> assets = new EnumMap<>(AssetType.class);
        for (Map.Entry<String, Object> e : promoted) {
            if (!(e.getValue() instanceof JsonArray ids) || ids.stream().anyMatch(i -> !(i instanceof String))) {
                throw GatewayException.invalidPayload("promotedAssets." + e.getKey() + " must be an array of asset ids");
            }
            AssetType type = ExportSelection.searchType(e.getKey());
            if (type == null || ids.isEmpty()) continue;
            ids.forEach(id -> assets.computeIfAbsent(type, t -> new LinkedHashSet<>()).add((String) id));
        }
        if (assets.isEmpty()) throw GatewayException.invalidPayload("promotedAssets selects no asset the gateway can promote");
        Boolean apps = Lenient.bool(body.getValue("includeApplications"));
        List<String> ids = new ArrayList<>();
        stages.forEach(s -> ids.add((String) s));
        return new PromotionRequest(body, List.copyOf(new LinkedHashSet<>(ids)), assets, Boolean.TRUE.equals(apps),
            overwriteValue(overwrite, overwriteAssets, defaultOverwrite));
    }

    private static String overwriteValue(String overwrite, String overwriteAssets, String fallback) {
        if (overwriteAssets != null && !overwriteAssets.isBlank()) return overwriteAssets.trim();
        if ("true".equalsIgnoreCase(overwrite)) return "*";
        if ("false".equalsIgnoreCase(overwrite)) return "";
        return fallback;
    }

    public String name() {
        return body.getValue("name") instanceof String s && !s.isBlank() ? s : null;
    }
}
