package dev.apigw.emulator.config;

/**
 * Promotion to other gateways ({@code /rest/apigateway/promotion}).
 *
 * @param targetTimeoutMs bound on each call to a destination stage's admin API (export, import, delete)
 * @param defaultOverwrite what {@code POST /promotion} overwrites on the stage when the request says nothing
 *     ({@code overwrite} / {@code overwriteAssets} absent): an archive {@code overwrite} value, e.g. {@code *}
 */
public record PromotionConfig(long targetTimeoutMs, String defaultOverwrite) {

    static PromotionConfig from(ConfigReader r) {
        return new PromotionConfig(r.number("targetTimeoutMs", 1, 3_600_000), r.string("defaultOverwrite"));
    }
}
