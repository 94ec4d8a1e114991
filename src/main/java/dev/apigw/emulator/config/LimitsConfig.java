package dev.apigw.emulator.config;

/**
 * Bounds on what one admin client can make the node hold or compute.
 *
 * @param maxJsonDepth JSON bodies and API definitions nested deeper are refused with 400
 * @param bodyLimitBytes admin request bodies, except API definitions and archives (those: {@code archive.maxZipBytes})
 * @param definitionBodyLimitBytes {@code POST/PUT /rest/apigateway/apis}: definitions inline or uploaded
 * @param maxAdminRequestsPerClient admin requests one client address may have in progress at once; more get 429
 * @param searchBudgetMs time the keyword matching of one search request may take; more is a 400
 */
public record LimitsConfig(int maxJsonDepth, long bodyLimitBytes, long definitionBodyLimitBytes,
                           int maxAdminRequestsPerClient, long searchBudgetMs) {
    static LimitsConfig from(ConfigReader r) {
        return new LimitsConfig(r.integer("maxJsonDepth", 2, 900), r.number("bodyLimitBytes", 1024, 1L << 30),
            r.number("definitionBodyLimitBytes", 1024, 1L << 31),
            r.integer("maxAdminRequestsPerClient", 1, 100_000), r.number("searchBudgetMs", 10, 600_000));
    }
}
