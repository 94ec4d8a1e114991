package dev.apigw.emulator.rehearsal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Each API answers 200 on a node with its application's credential: on the old node before the traffic (an admin
 * write is applied by the runtime at once, the application index a moment later), on the new node after the
 * migration (proof that it carried the APIs, applications and credentials). Every probe is a runtime call the node
 * counts, so each one is kept in a tally of its own that the reconciliation adds to the traffic's.
 */
final class Probes {
    private Probes() {
    }

    /** Probes {@code node} ({@link TrafficTally#OLD} or {@link TrafficTally#NEW}), counting into {@code probes}. */
    static void run(NodeClient client, String node, DemoAssets.Assets assets, TrafficTally probes) {
        probe(client, node, assets.keyApp(), "x-Gateway-APIKey", assets.keyApp().apiKey(), probes);
        probe(client, node, assets.oauthApp(), "Authorization", "Bearer " + token(client, node, assets.oauthApp()), probes);
    }

    private static void probe(NodeClient client, String node, DemoAssets.App app, String header, String value,
                              TrafficTally probes) {
        boolean served = Sync.poll(Duration.ofSeconds(15), 20, () -> {
            int status = client.anonymous(HttpMethod.GET, app.api().path(), null, header, value).status();
            // a 404 means no API is routed there yet: no API counted it
            if (status != 404) probes.answered(node, app.api().name(), status);
            return status == 200;
        });
        if (!served) throw new IllegalStateException(app.api().name() + " is not served on the " + node + " node with " + app.name() + "'s credential");
    }

    private static String token(NodeClient client, String node, DemoAssets.App app) {
        NodeClient.Answer a = client.anonymous(HttpMethod.POST, TrafficTransport.TOKEN_PATH, new JsonObject()
            .put("grant_type", "client_credentials").put("client_id", app.clientId()).put("client_secret", app.clientSecret()));
        if (a.status() != 200) throw new IllegalStateException("the " + node + " node's token endpoint answered " + a.status() + ": " + a.body());
        return a.json().getString("access_token");
    }
}
