package dev.apigw.emulator.config;

import java.util.Arrays;
import java.util.List;

/**
 * Runtime identification and the local authorization server: the API key header, the header that carries the
 * identified application upstream (empty = not sent), access-token and JWT lifetimes, and JWT validation settings.
 * {@code jwtJwksUrls} lists external issuers' JWKS endpoints, comma-separated.
 */
public record AuthConfig(String apiKeyHeader, String upstreamApplicationHeader, long tokenTtlSeconds,
                         long jwtTtlSeconds, String jwtIssuer, String jwtRequiredIssuer, String jwtRequiredAudience,
                         List<String> jwtJwksUrls, long tokenCacheSize) {

    public AuthConfig {
        if (apiKeyHeader.isBlank()) throw new ConfigException("auth.apiKeyHeader", "must not be empty");
        if (jwtIssuer.isBlank()) throw new ConfigException("auth.jwtIssuer", "must not be empty");
        for (String url : jwtJwksUrls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new ConfigException("auth.jwtJwksUrls", "must be http(s) URLs, was '" + url + "'");
            }
        }
        jwtJwksUrls = List.copyOf(jwtJwksUrls);
    }

    static AuthConfig from(ConfigReader r) {
        List<String> urls = Arrays.stream(r.string("jwtJwksUrls").split(",")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
        return new AuthConfig(r.string("apiKeyHeader").trim(), r.string("upstreamApplicationHeader").trim(),
            r.number("tokenTtlSeconds", 1, 31_536_000), r.number("jwtTtlSeconds", 1, 31_536_000),
            r.string("jwtIssuer").trim(), r.string("jwtRequiredIssuer").trim(), r.string("jwtRequiredAudience").trim(),
            urls, r.number("tokenCacheSize", 1, 10_000_000));
    }
}
