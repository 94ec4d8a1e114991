package dev.apigw.emulator.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class QuotaCycleTest {

    @Test
    void a_cycle_rolls_to_the_one_now_falls_in_with_no_counts() {
        QuotaCycle c = new QuotaCycle(1_000, 3, 1);
        assertEquals(c, c.at(1_999, 1_000));
        assertEquals(new QuotaCycle(3_000, 0, 0), c.at(3_500, 1_000));
    }

    @Test
    void round_trips_through_json() {
        QuotaCycle c = new QuotaCycle(42, 7, 2);
        assertEquals(c, QuotaCycle.fromJson(c.toJson()));
    }

    @Test
    void plan_quota_text_and_inline_definition_match_the_product() {
        JsonObject plan = new JsonObject().put("id", "p1").put("name", "Gold")
            .put("quota", new JsonObject().put("value", 4).put("interval", "3").put("intervalUnit", "minutes"));
        PlanQuota q = PlanQuota.of(null, plan).result();
        assertEquals("4 / 3 Minutes", q.text());
        assertEquals(180_000, q.intervalMillis());
        assertEquals("Less than 1 Minute left", SubscriptionUsage.remainingText(59_999));
        assertEquals("2 Minutes left", SubscriptionUsage.remainingText(179_000));
    }
}
