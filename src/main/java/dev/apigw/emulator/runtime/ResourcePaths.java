package dev.apigw.emulator.runtime;

import dev.apigw.emulator.config.RuntimeConfig.EncodedSeparators;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The resource path of a runtime request as the gateway decides on it and forwards it: dot-segments removed
 * (RFC 3986 section 5.2.4, so {@code /delay/..} is {@code /} and no path climbs out of the API), and encoded slashes
 * and dots ({@code %2F}, {@code %2E}), which a normalising backend would turn into the same climb, refused with 400
 * ({@link EncodedSeparators#REJECT}) or decoded first ({@link EncodedSeparators#DECODE}). Resource matching and the
 * backend URI both use the result. A path with neither dots after a slash nor percent signs is returned as is.
 */
public final class ResourcePaths {
    private static final Pattern ENCODED = Pattern.compile("%2[fFeE]");

    private ResourcePaths() {
    }

    /** @param raw the path after {@code /gateway/{api}/{version}}, starting with '/', still percent-encoded */
    public static String normalise(String raw, EncodedSeparators mode) {
        String path = raw;
        if (path.indexOf('%') >= 0 && ENCODED.matcher(path).find()) {
            if (mode == EncodedSeparators.REJECT) {
                throw GatewayException.badRequest("The resource path contains an encoded '/' or '.' (%2F, %2E), which "
                    + "the gateway does not forward");
            }
            path = path.replace("%2f", "/").replace("%2F", "/").replace("%2e", ".").replace("%2E", ".");
        }
        return path.contains("/.") ? removeDotSegments(path) : path;
    }

    static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        boolean trailingSlash = false;
        for (int i = 1; i < segments.length; i++) { // segments[0] is the empty string before the leading '/'
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !out.isEmpty()) out.remove(out.size() - 1);
                trailingSlash = last;
                continue;
            }
            out.add(s);
            trailingSlash = false;
        }
        String joined = "/" + String.join("/", out);
        return trailingSlash && !joined.endsWith("/") ? joined + "/" : joined;
    }
}
