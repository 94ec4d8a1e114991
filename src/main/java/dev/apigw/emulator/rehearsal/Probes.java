package dev.apigw.emulator.rehearsal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Before the traffic: each API answers 200 on the old node with its application's credential (an admin write is
 * applied by the runtime at once, the application index a moment later). Every probe is a runtime call the node
 * counts, so each one is kept in a tally of its own that the reconciliation adds to the traffic's.
 */
final class Probes {
    private Probes() {
    }

    static TrafficTally run(NodeClient old, DemoAssets.Assets assets) {
        TrafficTally probes = new TrafficTally();
        probe(old, assets.keyApp(), "x-Gateway-APIKey", assets.keyApp().apiKey(), probes);
        probe(old, assets.oauthApp(), "Authorization", "Bearer " + token(old, assets.oauthApp()), probes);
        return probes;
    }

    private static void probe(NodeClient old, DemoAssets.App app, String header, String value, TrafficTally probes) {
        boolean served = Sync.poll(Duration.ofSeconds(15), 20, () -> {
            int status = old.anonymous(HttpMethod.GET, app.api().path(), null, header, value).status();
            // a 404 means no API is routed there yet: no API counted it
            if (status != 404) probes.answered(TrafficTally.OLD, app.api().name(), status);
            return status == 200;
        });
        if (!served) throw new IllegalStateException(app.api().name() + " is not served on the old node with " + app.name() + "'s credential");
    }

    private static String token(NodeClient old, DemoAssets.App app) {
        NodeClient.Answer a = old.anonymous(HttpMethod.POST, TrafficTransport.TOKEN_PATH, new JsonObject()
            .put("grant_type", "client_credentials").put("client_id", app.clientId()).put("client_secret", app.clientSecret()));
        if (a.status() != 200) throw new IllegalStateException("the old node's token endpoint answered " + a.status() + ": " + a.body());
        return a.json().getString("access_token");
    }
}
