package dev.apigw.emulator.webhook;

import java.util.List;

/** The events a webhook can subscribe to: the product's names (reference §3.6), its typo "competed" included. */
public final class WebhookEvents {
    public static final List<String> ALL = List.of("migration:quiesce:designtime:completed",
        "migration:quiesce:all:completed", "migration:reindex:core:completed", "migration:reindex:logsevents:completed",
        "migration:reindex:analyticsandlogs:completed", "migration:reindex:all:completed",
        "migration:transform:assets:competed", "migration:clean:datastore:completed", "apigateway:server:started");

    private WebhookEvents() {
    }
}
