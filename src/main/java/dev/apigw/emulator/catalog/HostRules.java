package dev.apigw.emulator.catalog;

import dev.apigw.emulator.config.DefinitionImportConfig;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts a definition may be downloaded from ({@link DefinitionImportConfig}): the deny list first, then the
 * allow list (when set), then private addresses (when not allowed). Checked against the host name and every address
 * it resolves to, and again against the address actually connected to. Immutable.
 */
final class HostRules {
    private final List<String> allowed;
    private final List<String> denied;
    private final boolean allowPrivate;

    HostRules(DefinitionImportConfig config) {
        this.allowed = config.allowedHosts();
        this.denied = config.deniedHosts();
        this.allowPrivate = config.allowPrivate();
    }

    boolean allows(String host, InetAddress address) {
        if (matchesAny(denied, host, address)) return false;
        if (!allowed.isEmpty() && !matchesAny(allowed, host, address)) return false;
        return allowPrivate || !isPrivate(address);
    }

    private static boolean matchesAny(List<String> rules, String host, InetAddress address) {
        for (String rule : rules) if (matches(rule, host, address)) return true;
        return false;
    }

    static boolean matches(String rule, String host, InetAddress address) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        String r = rule.toLowerCase(Locale.ROOT);
        if (r.startsWith(".")) return h.endsWith(r) || h.equals(r.substring(1));
        if (r.contains("/")) return inRange(r, address);
        return h.equals(r) || address != null && address.getHostAddress().equalsIgnoreCase(r);
    }

    private static boolean inRange(String cidr, InetAddress address) {
        if (address == null) return false;
        try {
            int slash = cidr.indexOf('/');
            byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            byte[] addr = address.getAddress();
            if (net.length != addr.length) return false;
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            int total = net.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
            return new BigInteger(1, net).and(mask).equals(new BigInteger(1, addr).and(mask));
        } catch (Exception e) {
            return false; // a malformed rule matches nothing
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a == null) return false;
        byte[] b = a.getAddress();
        boolean ula = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || ula;
    }
}
