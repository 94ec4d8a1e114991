package apigw.support;

/** The simulations' parameters: system properties ({@code -Dname=value} on the Maven command line), with defaults. */
public final class Params {
    private Params() {
    }

    public static String string(String name, String dflt) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    public static int integer(String name, int dflt) {
        return Integer.parseInt(string(name, String.valueOf(dflt)));
    }

    public static double decimal(String name, double dflt) {
        return Double.parseDouble(string(name, String.valueOf(dflt)));
    }
}
