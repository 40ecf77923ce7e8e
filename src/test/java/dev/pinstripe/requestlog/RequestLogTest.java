package dev.pinstripe.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request log: every API request recorded off the request path, readable, bounded, without secrets. */
class RequestLogTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String key, String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : server.baseUrl() + pathOrUrl;
        return server.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET());
    }

    private static HttpResponse<String> post(String key, String path, String body, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "request-log-test/1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return server.send(b);
    }

    private static JsonNode entry(String key, String requestId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> get(key, "/pinstripe/v1/request_logs/" + requestId)
                .statusCode() == 200);
        return Json.parse(get(key, "/pinstripe/v1/request_logs/" + requestId).body());
    }

    @Test
    void everyRequestIsRecordedWithWhatItCreatedAndErrorsPointToTheirEntry() {
        String key = server.newAccount().secretKey();
        HttpResponse<String> created = post(key, "/v1/customers", "email=log%40example.com", "log-key-1");
        String customer = Json.parse(created.body()).path("id").asText();
        String requestId = created.headers().firstValue("Request-Id").orElseThrow();
        JsonNode ok = entry(key, requestId);
        assertThat(ok.path("status").asInt()).isEqualTo(200);
        assertThat(ok.path("method").asText()).isEqualTo("POST");
        assertThat(ok.path("route").asText()).isEqualTo("/v1/customers");
        assertThat(ok.path("object_ids").path(0).asText()).isEqualTo(customer);
        assertThat(ok.path("idempotency_key").asText()).isEqualTo("log-key-1");
        assertThat(ok.path("user_agent").asText()).isEqualTo("request-log-test/1.0");
        assertThat(ok.path("api_version").asText()).isNotBlank();
        assertThat(ok.path("client_ip").asText()).isNotBlank();

        HttpResponse<String> missing = get(key, "/v1/customers/cus_doesnotexist");
        JsonNode error = Json.parse(missing.body()).path("error");
        String url = error.path("request_log_url").asText();
        assertThat(url).endsWith("/pinstripe/v1/request_logs/" + missing.headers().firstValue("Request-Id").orElseThrow());
        entry(key, missing.headers().firstValue("Request-Id").orElseThrow());
        JsonNode failed = Json.parse(get(key, url).body());
        assertThat(failed.path("status").asInt()).isEqualTo(404);
        assertThat(failed.path("error_code").asText()).isEqualTo("resource_missing");
        assertThat(failed.path("error_type").asText()).isEqualTo("invalid_request_error");
        assertThat(failed.path("route").asText()).isEqualTo("/v1/customers/{customer}");

        // Another account cannot read it.
        String other = server.newAccount().secretKey();
        assertThat(get(other, url).statusCode()).isEqualTo(404);
        // And the list shows this account's requests, newest first, filtered by status.
        JsonNode notFound = Json.parse(get(key, "/pinstripe/v1/request_logs?status=404").body());
        assertThat(notFound.path("data")).hasSize(1);
        // And the statistics, over this account's requests only.
        JsonNode stats = Json.parse(get(key, "/pinstripe/v1/request_logs/stats?top=5").body());
        assertThat(stats.path("object").asText()).isEqualTo("pinstripe.request_log_stats");
        assertThat(stats.toString()).contains("GET /v1/customers/{customer}", "POST /v1/customers");
    }

    @Test
    void neitherKeysNorCardNumbersNorBodiesAreKept() {
        String key = server.newAccount().secretKey();
        HttpResponse<String> pm = post(key, "/v1/payment_methods",
                "type=card&card%5Bnumber%5D=4242424242424242&card%5Bexp_month%5D=12&card%5Bexp_year%5D=2034"
                        + "&card%5Bcvc%5D=123", null);
        String requestId = pm.headers().firstValue("Request-Id").orElseThrow();
        entry(key, requestId);
        Jdbi jdbi = server.pinstripe().database().jdbi();
        String all = jdbi.withHandle(h -> String.join("\n", h.createQuery("SELECT r::text FROM request_logs r")
                .mapTo(String.class).list()));
        assertThat(all).contains(requestId).doesNotContain("4242424242424242").doesNotContain(key)
                .doesNotContain("cvc");
    }

    @Test
    void aFullBufferDropsAndCountsWithoutBlocking() {
        Jdbi unreachable = Jdbi.create("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        RequestLogWriter writer = new RequestLogWriter(unreachable, 10);
        try {
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 1000; i++) {
                RequestLogEntry e = new RequestLogEntry(i, "req_" + i, null, null, "GET", "/v1/x", null, 200, 1,
                        null, null, null, null, null, null, List.of());
                accepted += writer.offer(e) ? 1 : 0;
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            RequestLogWriter.Counts counts = writer.counts();
            assertThat(counts.accepted()).isEqualTo(accepted);
            assertThat(counts.dropped()).isEqualTo(1000 - accepted).isGreaterThanOrEqualTo(1000 - 10 - 500);
            assertThat(elapsedMs).as("offers never wait for the database").isLessThan(1000);
        } finally {
            writer.close();
        }
    }

    @Test
    void theReaperDeletesEntriesOlderThanTheRetentionOnly() {
        String key = server.newAccount().secretKey();
        HttpResponse<String> r = get(key, "/v1/customers");
        JsonNode e = entry(key, r.headers().firstValue("Request-Id").orElseThrow());
        long at = e.path("created_ms").asLong();
        Jdbi jdbi = server.pinstripe().database().jdbi();
        Clock weekLater = Clock.fixed(Instant.ofEpochMilli(at).plus(Duration.ofDays(6)), ZoneOffset.UTC);
        new RequestLogReaper(jdbi, weekLater, Duration.ofDays(7)).reap();
        assertThat(get(key, "/pinstripe/v1/request_logs/" + e.path("id").asText()).statusCode()).isEqualTo(200);
        Clock later = Clock.fixed(Instant.ofEpochMilli(at).plus(Duration.ofDays(8)), ZoneOffset.UTC);
        assertThat(new RequestLogReaper(jdbi, later, Duration.ofDays(7)).reap()).isGreaterThanOrEqualTo(1);
        assertThat(get(key, "/pinstripe/v1/request_logs/" + e.path("id").asText()).statusCode()).isEqualTo(404);
    }
}
