package dev.pinstripe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics (Prometheus, scraped and checked) and /readyz, outside /v1 and without a key. */
class MetricsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> probe(String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET());
    }

    private static double value(String scrape, String seriesPrefix) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(seriesPrefix) + "[^\\n]*? ([0-9.eE+-]+)$").matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? sum : Double.NaN;
    }

    @Test
    void theScrapeCountsRequestsEventsAndShowsThePoolTheQueueAndTheJvm() throws StripeException {
        StripeClient stripe = server.stripe(server.newAccount().secretKey());
        double before = value(probe("/metrics").body(),
                "pinstripe_http_requests_seconds_count{method=\"POST\",route=\"/v1/customers\",status=\"200\"");
        for (int i = 0; i < 3; i++) {
            stripe.v1().customers().create(CustomerCreateParams.builder().build());
        }
        try {
            stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                    .setPaymentMethod("pm_card_chargeDeclined").setConfirm(true).build());
        } catch (StripeException expected) {
            // a decline: counted as charge.failed
        }
        double blocksBefore = value(probe("/metrics").body(), "pinstripe_radar_decisions_total{decision=\"block\"");
        try {
            stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                    .setPaymentMethod("pm_card_radarBlock").setConfirm(true).build());
        } catch (StripeException expected) {
            // blocked by Radar: counted as a block decision
        }
        HttpResponse<String> scrape = probe("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String body = scrape.body();
        double after = value(body,
                "pinstripe_http_requests_seconds_count{method=\"POST\",route=\"/v1/customers\",status=\"200\"");
        assertThat(after - (Double.isNaN(before) ? 0 : before)).isEqualTo(3.0);
        assertThat(body).contains("pinstripe_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/customers\"");
        assertThat(value(body, "pinstripe_http_requests_seconds_count{method=\"POST\",route=\"/v1/payment_intents\","
                + "status=\"402\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(body, "pinstripe_events_recorded_total{type=\"charge.failed\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(body, "pinstripe_events_recorded_total{type=\"customer.created\"")).isGreaterThanOrEqualTo(3.0);
        assertThat(value(body, "pinstripe_radar_decisions_total{decision=\"block\"")
                - (Double.isNaN(blocksBefore) ? 0 : blocksBefore)).isEqualTo(1.0);
        assertThat(value(body, "pinstripe_radar_decisions_total{decision=\"proceed\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(body).contains("hikaricp_connections_active", "jvm_memory_used_bytes", "jvm_gc_",
                "pinstripe_webhooks_pending", "pinstripe_webhooks_lag_seconds", "pinstripe_request_log_entries_total");
        await().atMost(Duration.ofSeconds(10)).until(() -> value(probe("/metrics").body(),
                "pinstripe_request_log_entries_total{outcome=\"written\"") >= 4.0);
    }

    @Test
    void readinessNeedsTheDatabaseAndTheMigrations() {
        HttpResponse<String> ready = probe("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\"");
        assertThat(probe("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aServerWithoutItsDatabaseIsAliveButNotReady() {
        try (TestServer lonely = TestServer.start()) {
            lonely.pinstripe().database().close();
            HttpResponse<String> ready = lonely.send(HttpRequest.newBuilder(URI.create(lonely.baseUrl() + "/readyz"))
                    .GET());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("database unreachable");
            assertThat(lonely.send(HttpRequest.newBuilder(URI.create(lonely.baseUrl() + "/healthz")).GET())
                    .statusCode()).isEqualTo(200);
        }
    }
}
