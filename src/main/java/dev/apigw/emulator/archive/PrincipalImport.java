package dev.apigw.emulator.archive;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/**
 * The secrets of imported users and strategies: the ones the archive carries sealed (an emulator's export with a
 * shared passphrase), else this gateway's current ones of the same asset, else none (a user) or new ones (a
 * strategy's client secret); the note says why when they are not the archive's.
 */
final class PrincipalImport {
    /** A stored document and, when its secrets are not the archive's, why. */
    record Outcome(JsonObject doc, String note) {
    }

    private final Map<String, String> secrets;

    PrincipalImport(Map<String, String> secrets) {
        this.secrets = secrets;
    }

    Outcome user(ArchiveContents.Doc d, JsonObject existing) {
        String hash = secrets.get(PrincipalDocs.USER_PASSWORD + d.id());
        if (hash != null) return new Outcome(PrincipalDocs.storedUser(d.json(), d.id(), hash), null);
        if (existing != null && existing.getValue(PrincipalDocs.HASH) instanceof String current) {
            return new Outcome(PrincipalDocs.storedUser(d.json(), d.id(), current), "The archive carries no password this gateway can "
                + "read; the user's current password on this gateway was kept.");
        }
        return new Outcome(PrincipalDocs.storedUser(d.json(), d.id(), null), "The archive carries no password this gateway can "
            + "read; the user cannot sign in until a password is set (PUT /rest/apigateway/users/" + d.id() + ").");
    }

    Outcome strategy(ArchiveContents.Doc d, JsonObject existing) {
        JsonObject doc = d.json();
        String clientId = PrincipalDocs.clientId(doc);
        String note = null;
        String clientSecret = clientId == null ? null : secrets.get(clientId + PrincipalDocs.CLIENT_SECRET);
        JsonObject dcr = doc.getValue("dcrConfig") instanceof JsonObject o ? o : null;
        if (clientSecret == null && dcr != null && dcr.getValue("clientSecret") instanceof String clear && !ArchiveSecrets.masked(clear)) {
            clientSecret = clear; // the product exports dcrConfig.clientSecret in clear
        }
        if (clientSecret == null && dcr != null && dcr.containsKey("clientSecret")) {
            String current = existing != null && existing.getValue("dcrConfig") instanceof JsonObject e
                && clientId != null && clientId.equals(e.getValue("clientId")) ? e.getString("clientSecret") : null;
            clientSecret = current != null ? current : UUID.randomUUID().toString();
            note = current != null ? "Its client secret could not be restored; this gateway's current one was kept."
                : "Its client secret could not be restored; a new one was generated.";
        }
        String secret = secrets.get(PrincipalDocs.STRATEGY_SECRET + d.id());
        if (secret == null && doc.getValue("secret") instanceof String s && !s.isEmpty()) {
            secret = !ArchiveSecrets.masked(s) ? s : existing == null ? null : existing.getString("secret");
            if (secret == null) {
                secret = UUID.randomUUID().toString();
                note = (note == null ? "" : note + " ") + "Its shared secret could not be restored; a new one was generated.";
            }
        }
        return new Outcome(PrincipalDocs.storedStrategy(doc, d.id(), clientSecret, secret), note);
    }
}
