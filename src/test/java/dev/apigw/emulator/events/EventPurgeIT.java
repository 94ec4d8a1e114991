package dev.apigw.emulator.events;

import static dev.apigw.emulator.support.EventSearches.await;
import static dev.apigw.emulator.support.EventSearches.keyword;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.support.DeployedApi;
import dev.apigw.emulator.support.Echo;
import dev.apigw.emulator.support.EventSearches;
import dev.apigw.emulator.support.GatewayIT;
import dev.apigw.emulator.support.Poll;
import dev.apigw.emulator.support.TestGateway;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /apitransactions}: purge jobs (as pipelines send them: empty parameters, {@code objectType=Analytics}),
 * job status, archives (create, list, restore without duplicates), download, and 400/404 for bad requests. A fresh
 * node per test: purges change what every later test would see.
 */
@GatewayIT(set = "events.flushIntervalMs=20", perTest = true)
class EventPurgeIT {
    private static final String TX = "TRANSACTION_EVENTS";
    private static final String BASE = "/rest/apigateway/apitransactions";
    private static final DateTimeFormatter PRODUCT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static String inAMinute() {
        return PRODUCT.format(Instant.now().plusSeconds(60));
    }

    private static DeployedApi traffic(TestGateway gw, Echo echo, int requests) {
        DeployedApi api = gw.deploy("apis/echo.json", echo);
        for (int i = 0; i < requests; i++) gw.anonymous().get(api.path() + "/get").then().statusCode(200);
        await(gw, requests + 1, TX, keyword("apiName", "Echo")); // the deployment's probe is an exchange too
        return api;
    }

    /** Waits for the job to end and returns its status document. */
    private static JsonObject completed(TestGateway gw, String jobId) {
        JsonObject[] job = {null};
        Poll.until("job " + jobId + " done", () -> {
            job[0] = new JsonObject(gw.admin().get(BASE + "/jobs/" + jobId).then().statusCode(200).extract().asString());
            return !"In Progress".equals(job[0].getString("status"));
        });
        assertEquals("Completed", job[0].getString("status"), job[0].encode());
        return job[0];
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "transactionalEvents    | eventType=transactionalEvents&objectType=Analytics&until=&olderThan=28d",
        "monitorEvents          | eventType=monitorEvents&objectType=Analytics&until=&olderThan=28d",
        "errorEvents            | eventType=errorEvents&objectType=Analytics&until=&olderThan=28d",
        "performanceMetrics     | eventType=performanceMetrics&objectType=Analytics&until=&olderThan=28d",
        "threatProtectionEvents | eventType=threatProtectionEvents&objectType=Analytics&until=&olderThan=28d",
        "lifecycleEvents        | eventType=lifecycleEvents&objectType=Analytics&until=&olderThan=28d",
        "policyViolationEvents  | eventType=policyViolationEvents&objectType=Analytics&until=&olderThan=28d",
        "applicationlogs        | eventType=applicationlogs&objectType=Analytics&until=&olderThan=28d",
        "mediatorTraceSpan      | eventType=mediatorTraceSpan&objectType=Analytics&until=&olderThan=28d",
        "auditlogs until a year | eventType=auditlogs&objectType=Analytics&until=2024-01-01%2000:00:00&olderThan=",
        "ALL from and until     | action=purge&from=2020-04-20%2008:00:00&until=2020-04-21%2008:00:00&olderThan=&eventType=ALL"})
    void a_pipelines_purge_request_answers_202_with_a_job(String name, String query, TestGateway gw) {
        String jobId = gw.admin().urlEncodingEnabled(false).delete(BASE + "?" + query).then().statusCode(202)
            .body("jobId", notNullValue()).extract().path("jobId");
        JsonObject job = completed(gw, jobId);
        assertEquals(jobId, job.getString("jobId"));
        assertTrue(job.getString("creationDate").endsWith(" GMT"), job.getString("creationDate"));
    }

    @Test
    void a_purge_removes_the_selected_events_and_keeps_the_others(TestGateway gw, Echo echo) {
        traffic(gw, echo, 4);
        await(gw, 1, "LIFECYCLE_EVENTS", keyword("lifecycleEvent", "api:activated"));
        String jobId = gw.admin().delete(BASE + "?eventType=transactionalEvents&until=" + inAMinute())
            .then().statusCode(202).extract().path("jobId");
        assertTrue(completed(gw, jobId).getLong("count") >= 4);
        assertEquals(0, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
        assertEquals(1, EventSearches.count(gw, "LIFECYCLE_EVENTS", keyword("lifecycleEvent", "api:activated")),
            "other types stay");
        gw.admin().get(BASE + "/jobs").then().statusCode(200).body("pendingJobs", not(hasItem(jobId)));
        gw.admin().get(BASE + "/jobs?status=ALL").then().statusCode(200).body("pendingJobs", hasItem(jobId));
        gw.admin().get(BASE + "/jobs?status=ALL&action=archive").then().statusCode(200).body("pendingJobs", not(hasItem(jobId)));
        String old = gw.admin().delete(BASE + "?eventType=lifecycleEvents&olderThan=1d").then().statusCode(202)
            .extract().path("jobId");
        assertEquals(0, completed(gw, old).getLong("count"), "nothing is a day old");
    }

    @Test
    void an_archive_restores_what_a_purge_removed_once(TestGateway gw, Echo echo) {
        traffic(gw, echo, 3);
        long before = EventSearches.count(gw, TX, keyword("apiName", "Echo"));
        String archiveJob = gw.admin().post(BASE + "/archives?eventType=transactionalEvents&from=2020-01-01 00:00:00&until="
            + inAMinute()).then().statusCode(202).extract().path("jobId");
        JsonObject archived = completed(gw, archiveJob);
        String file = archived.getString("Filename");
        assertTrue(file.matches("default-\\d{4}-\\d\\d-\\d\\d-\\d+"), file);
        assertEquals(before, archived.getLong("count"));
        gw.admin().get(BASE + "/archives").then().statusCode(200).body("archiveFiles", hasItem(file));

        completed(gw, gw.admin().delete(BASE + "?eventType=ALL&until=" + inAMinute()).then().statusCode(202)
            .extract().path("jobId"));
        assertEquals(0, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
        for (int i = 0; i < 2; i++) { // the second restore finds every event present: no duplicates
            completed(gw, gw.admin().post(BASE + "/archives/" + file).then().statusCode(202).extract().path("jobId"));
            assertEquals(before, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
        }
    }

    @Test
    void archive_and_purge_in_one_job(TestGateway gw, Echo echo) {
        traffic(gw, echo, 2);
        JsonObject job = completed(gw, gw.admin().delete(BASE + "?action=archiveAndPurge&eventType=transactionalEvents&until="
            + inAMinute()).then().statusCode(202).extract().path("jobId"));
        assertEquals("archiveAndPurge", job.getString("action"));
        gw.admin().get(BASE + "/archives?filter=" + job.getString("Filename")).then().statusCode(200)
            .body("archiveFiles", equalTo(java.util.List.of(job.getString("Filename"))));
        assertEquals(0, EventSearches.count(gw, TX, keyword("apiName", "Echo")));
    }

    @Test
    void a_download_is_a_zip_of_the_events(TestGateway gw, Echo echo) throws IOException {
        traffic(gw, echo, 2);
        Response zip = gw.admin().get(BASE + "?eventType=transactionalEvents&startDate=2020-01-01 00:00:00&endDate="
            + inAMinute());
        zip.then().statusCode(200).contentType("application/zip")
            .header("Content-Disposition", "attachment; filename=\"transactionalEvents.zip\"");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.asByteArray()))) {
            ZipEntry entry = in.getNextEntry();
            assertEquals("transactionalEvents.json", entry.getName());
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            assertTrue(lines.length >= 2);
            assertEquals("Transactional", new JsonObject(lines[0]).getString("eventType"));
        }
        gw.admin().get(BASE + "/typedefinitions").then().statusCode(200).body("Mappings", hasItem("transactionalEvents"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no eventType                 | DELETE | ?olderThan=7d                                   | 400 | eventType",
        "an unknown eventType         | DELETE | ?eventType=everything&olderThan=7d              | 400 | everything",
        "no time at all               | DELETE | ?eventType=ALL&until=&olderThan=                | 400 | olderThan",
        "a duration without unit      | DELETE | ?eventType=ALL&olderThan=7                      | 400 | olderThan",
        "a date that is no date       | DELETE | ?eventType=ALL&from=yesterday                   | 400 | from",
        "an unknown action            | DELETE | ?eventType=ALL&olderThan=7d&action=shred        | 400 | action",
        "restoring a missing archive  | POST   | /archives/default-2020-01-01-1                  | 404 | does not exist",
        "an unknown job               | GET    | /jobs/nope                                      | 404 | does not exist"})
    void bad_requests_answer_in_the_products_error_shape(String name, String method, String path, int status,
                                                          String mentions, TestGateway gw) {
        gw.admin().urlEncodingEnabled(false).request(method, BASE + path).then().statusCode(status)
            .body("errorDetails", containsString(mentions));
    }
}

