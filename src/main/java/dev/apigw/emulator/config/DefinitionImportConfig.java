package dev.apigw.emulator.config;

import java.util.Arrays;
import java.util.List;

/**
 * How {@code POST /apis} with a {@code url} downloads a definition: bounded in time and size, following at most
 * {@code maxRedirects} redirects (each hop checked again), verifying certificates unless {@code trustAll}, and only
 * towards hosts the lists allow.
 *
 * @param allowedHosts host names ({@code .example.com} for a domain), addresses or CIDR ranges; empty = any host
 *                     that is not denied
 * @param deniedHosts the same forms, always refused (by default the link-local range, where cloud metadata lives)
 * @param allowPrivate whether loopback and private ranges (127/8, 10/8, 172.16/12, 192.168/16, ::1, fc00::/7) are allowed
 */
public record DefinitionImportConfig(long timeoutMs, long maxBytes, int maxRedirects, boolean trustAll,
                                     List<String> allowedHosts, List<String> deniedHosts, boolean allowPrivate) {
    static DefinitionImportConfig from(ConfigReader r) {
        return new DefinitionImportConfig(r.number("timeoutMs", 100, 600_000), r.number("maxBytes", 1024, 1L << 30),
            r.integer("maxRedirects", 0, 20), r.bool("trustAll"), list(r.string("allowedHosts")),
            list(r.string("deniedHosts")), r.bool("allowPrivate"));
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
