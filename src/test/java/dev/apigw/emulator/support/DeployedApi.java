package dev.apigw.emulator.support;

import java.util.List;

/** An API a test deployed from a fixture: its ids, and where the runtime serves it. */
public record DeployedApi(String id, String name, String version, String policyId, List<String> actionIds) {

    /** {@code /gateway/<name>/<version>} with the name URL-encoded, ready to append a resource path. */
    public String path() {
        return "/gateway/" + name.replace(" ", "%20") + "/" + version;
    }
}
