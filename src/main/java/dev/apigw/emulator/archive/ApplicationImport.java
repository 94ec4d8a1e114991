package dev.apigw.emulator.archive;

import dev.apigw.emulator.model.Applications;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credentials of imported applications. The API key is, in order: the clear key of an export up to 10.7, the key
 * an emulator sealed with the shared passphrase, this gateway's current key of the application, or a new one; the
 * log says why when it is not the archive's. A key or OAuth2 client id already used by another application here is
 * never reused. An overwritten application keeps its current credentials unless the import overwrites them too
 * ({@code application_apiKeys}, {@code application_strategy_credentials}, {@code *}).
 */
final class ApplicationImport {
    /** A stored application and, when its credentials are not the archive's, why. */
    record Outcome(JsonObject app, String note) {
    }

    private final Map<String, ArchiveContents.Doc> passman;
    private final Map<String, String> secrets;
    private final ImportOptions options;
    private final Map<String, String> keyOwners = new HashMap<>();
    private final Map<String, String> clientOwners = new HashMap<>();

    ApplicationImport(Map<String, JsonObject> existing, Map<String, ArchiveContents.Doc> passman, Map<String, String> secrets,
                      ImportOptions options) {
        this.passman = passman;
        this.secrets = secrets;
        this.options = options;
        existing.forEach((id, app) -> {
            if (Applications.apiKey(app) != null) keyOwners.put(Applications.apiKey(app), id);
            if (Applications.clientId(app) != null) clientOwners.put(Applications.clientId(app), id);
        });
    }

    Outcome convert(ArchiveContents.Doc doc, List<String> apiIds, JsonObject existing) {
        Set<String> apis = new LinkedHashSet<>(apiIds);
        if (existing != null) apis.addAll(Applications.consumingApis(existing)); // registrations only add, as in the product
        JsonObject app = ApplicationDocs.stored(doc.json(), doc.id(), List.copyOf(apis));
        JsonObject tokens = new JsonObject();
        String note;
        if (existing != null && !options.overwriteApiKeys() && Applications.apiKey(existing) != null) {
            tokens.put("apiAccessKey_credentials", existing.getJsonObject("accessTokens").getJsonObject("apiAccessKey_credentials"));
            note = null;
        } else {
            String[] key = apiKey(doc, existing);
            tokens.put("apiAccessKey_credentials", Applications.apiKeyCredentials(key[0]));
            note = key[1];
        }
        JsonObject current = existing == null ? null : Applications.oauth(existing);
        if (current != null && !options.overwriteCredentials()) {
            tokens.put("oauth_credentials", current);
        } else {
            String[] fresh = new String[1];
            tokens.put("oauth_credentials", oauth(doc, current, app.getString("name"), fresh));
            if (fresh[0] != null) note = note == null ? fresh[0] : note + " " + fresh[0];
        }
        return new Outcome(app.put("accessTokens", tokens), note);
    }

    /** {key, note}: the note is null when the key is the archive's. */
    private String[] apiKey(ArchiveContents.Doc doc, JsonObject existing) {
        String id = doc.id();
        String written = ApplicationDocs.apiKeyIn(doc.json());
        String candidate = !ArchiveSecrets.masked(written) ? written : secrets.get(ApplicationDocs.API_KEY + id);
        String why = candidate == null ? unreadable(passman.get(ApplicationDocs.API_KEY + id)) : null;
        String owner = candidate == null ? null : keyOwners.get(candidate);
        if (owner != null && !owner.equals(id)) {
            why = "The archive's API key is already the key of application " + owner + " on this gateway";
            candidate = null;
        }
        String note = null;
        if (candidate == null && existing != null && Applications.apiKey(existing) != null) {
            candidate = Applications.apiKey(existing);
            note = why + "; this gateway's API key of the application was kept.";
        } else if (candidate == null) {
            candidate = Applications.randomHex();
            note = why + "; a new API key was generated.";
        }
        keyOwners.put(candidate, id);
        return new String[] {candidate, note};
    }

    private static String unreadable(ArchiveContents.Doc sealed) {
        if (sealed == null) return "The archive carries no API key (it was exported without a passphrase)";
        if (ArchiveSecrets.ours(sealed.json())) {
            return "The API key is sealed with the exporting gateway's archive passphrase, and this gateway has none";
        }
        return "The API key is encrypted with the source gateway's master password (PassmanData." + sealed.id() + ")";
    }

    /** The archive's OAuth2 credentials when they can be restored, else the current ones, else new ones. */
    private JsonObject oauth(ArchiveContents.Doc doc, JsonObject current, String name, String[] note) {
        JsonObject carried = ApplicationDocs.oauthIn(doc.json());
        String hash = secrets.get(ApplicationDocs.SECRET_HASH + doc.id());
        if (carried != null && hash != null) {
            String owner = clientOwners.get(carried.getString("clientID"));
            if (owner == null || owner.equals(doc.id())) {
                clientOwners.put(carried.getString("clientID"), doc.id());
                carried.remove("clientSecret");
                return carried.putNull("clientSecret").put(Applications.SECRET_HASH, hash);
            }
        }
        if (current != null) return current;
        if (carried != null) note[0] = "Its OAuth2 client credentials could not be restored; new ones were generated.";
        JsonObject fresh = Applications.oauthCredentials(name, null);
        clientOwners.put(fresh.getString("clientID"), doc.id());
        return fresh.put(Applications.SECRET_HASH, Applications.hash(Applications.randomHex()));
    }
}
