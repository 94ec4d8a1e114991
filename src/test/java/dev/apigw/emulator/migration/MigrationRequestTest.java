package dev.apigw.emulator.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.webhook.WebhookEvents;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MigrationRequestTest {

    @Test
    void every_completion_event_is_one_a_webhook_can_subscribe_to() {
        for (String action : new String[] {"clean", "transform"}) {
            String event = MigrationRequest.parse(new JsonObject().put("action", action)).event();
            assertTrue(WebhookEvents.ALL.contains(event), event);
        }
        for (String indices : MigrationRequest.INDICES) {
            String event = MigrationRequest.parse(new JsonObject().put("action", "reindex").put("indicesType", indices)
                .put("sourceElasticsearch", new JsonObject().put("url", "http://old:5555"))).event();
            assertTrue(WebhookEvents.ALL.contains(event), event);
        }
        assertNull(MigrationRequest.parse(new JsonObject().put("action", "backup")).event());
    }

    @Test
    void the_guides_body_parses_with_numbers_in_its_properties_and_a_redis_source_is_recognised() {
        MigrationRequest r = MigrationRequest.parse(new JsonObject("""
            {"action":"Reindex","indicesType":"LOGSEVENTS","sourceElasticsearch":{"url":"redis://:pw@old:6379","username":"u","password":"p"},
             "properties":{"apigateway.migration.batchSize":100,"apigateway.migration.logLevel":"info"}}"""));
        assertEquals("reindex", r.action());
        assertEquals("logsevents", r.indicesType());
        assertTrue(r.source().redis());
        assertEquals("redis://***@old:6379", MigrationSource.redacted(r.source().url()));
    }
}
