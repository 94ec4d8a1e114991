package dev.apigw.emulator.ratelimit;

/** The counting algorithms a throttle can use; the product's throttle is a fixed window. */
public enum Algorithm {
    /** A window opens at the first request and admits {@code limit} requests until it ends (webMethods). */
    FIXED_WINDOW,
    /** A bucket of {@code limit} tokens refilling over the window: smooth, no burst at window edges. */
    TOKEN_BUCKET;

    /** Parses {@code fixedWindow}, {@code FIXED_WINDOW}, {@code tokenBucket}, ...; null when unknown. */
    public static Algorithm parse(String text) {
        String t = text.replace("_", "").replace("-", "").toLowerCase();
        for (Algorithm a : values()) {
            if (a.name().replace("_", "").toLowerCase().equals(t)) return a;
        }
        return null;
    }
}
