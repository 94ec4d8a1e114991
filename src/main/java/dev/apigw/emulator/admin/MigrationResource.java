package dev.apigw.emulator.admin;

import dev.apigw.emulator.migration.MigrationRequest;
import dev.apigw.emulator.migration.MigrationService;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /rest/apigateway/migration} (202 with {@code {"status":" <action> operation is in progress"}}, 409
 * while an action runs, 400 for a bad body) and {@code GET /rest/apigateway/migration/status?action=}
 * ({@code success}, {@code failure} or {@code in progress} with {@code failureReason}; 404 if the action never ran).
 */
final class MigrationResource {
    private static final List<String> STATUS_ACTIONS = List.of("reindex", "transform", "clean", "backup");
    private final MigrationService migration;

    MigrationResource(MigrationService migration) {
        this.migration = migration;
    }

    void mount(Router router) {
        router.post(AdminApi.BASE + "/migration").handler(this::start);
        router.get(AdminApi.BASE + "/migration/status").handler(this::status);
    }

    private void start(RoutingContext ctx) {
        JsonObject accepted = migration.start(MigrationRequest.parse(Bodies.json(ctx)));
        Bodies.ok(ctx, migration.acceptedStatus(), accepted);
    }

    private void status(RoutingContext ctx) {
        String action = ctx.queryParams().get("action");
        if (action == null || !STATUS_ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            throw GatewayException.admin(400, "BAD_PARAMETER", "Query parameter action must be one of reindex, transform or clean");
        }
        JsonObject status = migration.status(action.toLowerCase(Locale.ROOT));
        if (status == null) throw GatewayException.admin(404, "NOT_FOUND", "The status of the migration action " + action + " is not found");
        Bodies.ok(ctx, 200, status);
    }
}
