package dev.apigw.emulator.auth;

import dev.apigw.emulator.model.Applications;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** What the runtime needs of one application, immutable: built when the index is rebuilt, read on the hot path. */
public record AppEntry(String id, String name, boolean suspended, Set<String> apiIds, String clientId,
                       String secretHash) {

    static AppEntry of(JsonObject app) {
        if (!(app.getValue("id") instanceof String id)) throw new IllegalArgumentException("the application has no text id");
        String name = app.getValue("name") instanceof String n ? n : "";
        return new AppEntry(id, name, Applications.suspended(app),
            Set.copyOf(Applications.consumingApis(app)), Applications.clientId(app), Applications.secretHash(app));
    }

    /** Strict lookup only accepts applications registered for the API; open lookup any application. */
    public boolean mayCall(String apiId, boolean strict) {
        return !strict || apiIds.contains(apiId);
    }
}
