package dev.apigw.emulator.auth;

import dev.apigw.emulator.model.Applications;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OAuth2 clients that local OAuth2 strategies give applications: an application listing a strategy in
 * {@code authStrategyIds} is identified by that strategy's {@code dcrConfig.clientId} and secret at the token
 * endpoint, and may get the scopes the client registered ({@code dcrConfig.scopes}).
 */
final class StrategyClients {
    private StrategyClients() {
    }

    static void add(List<JsonObject> apps, List<JsonObject> strategies, Map<String, AppEntry> byId,
                    Map<String, AppEntry> byClient, Map<String, Set<String>> scopes) {
        Map<String, JsonObject> byStrategy = new HashMap<>();
        for (JsonObject s : strategies) if (s.getValue("id") instanceof String id) byStrategy.put(id, s);
        for (JsonObject app : apps) {
            AppEntry owner = app.getValue("id") instanceof String appId ? byId.get(appId) : null; // tolerant: skipped ones
            if (owner == null || !(app.getValue("authStrategyIds") instanceof JsonArray ids)) continue;
            for (Object sid : ids) {
                JsonObject strategy = sid instanceof String s ? byStrategy.get(s) : null;
                JsonObject dcr = strategy != null && strategy.getValue("dcrConfig") instanceof JsonObject d ? d : null;
                if (dcr == null || !(dcr.getValue("clientId") instanceof String clientId)
                    || !(dcr.getValue("clientSecret") instanceof String secret)) continue;
                byClient.put(clientId, new AppEntry(owner.id(), owner.name(), owner.suspended(), owner.apiIds(), clientId,
                    Applications.hash(secret)));
                Set<String> registered = new LinkedHashSet<>();
                if (dcr.getValue("scopes") instanceof JsonArray list) {
                    for (Object o : list) if (o instanceof String sc) registered.add(sc);
                }
                scopes.put(clientId, Set.copyOf(registered));
            }
        }
    }
}
