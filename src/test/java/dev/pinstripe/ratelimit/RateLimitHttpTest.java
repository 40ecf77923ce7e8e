package dev.pinstripe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import dev.pinstripe.api.Json;
import dev.pinstripe.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The limiters through the HTTP edge: Stripe's 429, the SDK's retry, and a limit shared through Redis. */
class RateLimitHttpTest {

    private static HttpResponse<String> get(TestServer server, String key, String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + key).GET());
    }

    private static double rejectedByRate(TestServer server) {
        String scrape = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET()).body();
        Matcher m = Pattern.compile("(?m)^pinstripe_limiter_decisions_total\\{limiter=\"rate\",outcome=\"rejected\"\\}"
                + " ([0-9.eE+]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void overTheTestModeReadLimitRequestsGetStripes429UntilTheBucketRefills() {
        try (TestServer server = TestServer.startWithLimits(LimitSettings.defaults())) {
            String key = server.newAccount().secretKey();
            for (int i = 0; i < 25; i++) {
                assertThat(get(server, key, "/v1/customers").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = get(server, key, "/v1/customers");
            assertThat(limited.statusCode()).isEqualTo(429);
            JsonNode error = Json.parse(limited.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit");
            assertThat(error.path("message").asText()).startsWith("Request rate limit exceeded.");
            assertThat(error.path("request_log_url").asText()).contains("/pinstripe/v1/request_logs/");
            assertThat(limited.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            // Writes have their own bucket; another account has its own buckets.
            assertThat(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/customers"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(""))).statusCode()).isEqualTo(200);
            assertThat(get(server, server.newAccount().secretKey(), "/v1/customers").statusCode()).isEqualTo(200);

            server.clock.advance(Duration.ofSeconds(1));
            assertThat(get(server, key, "/v1/customers").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stripeJavasBuiltInRetrySucceedsAfterA429() throws Exception {
        try (TestServer server = TestServer.startWithLimits(LimitSettings.defaults())) {
            String key = server.newAccount().secretKey();
            StripeClient stripe = StripeClient.builder().setApiKey(key).setApiBase(server.baseUrl())
                    .setMaxNetworkRetries(2).build();
            for (int i = 0; i < 25; i++) {
                stripe.v1().customers().create(CustomerCreateParams.builder().build());
            }
            double before = rejectedByRate(server);
            // Refill the bucket once the server has refused the SDK's first attempt; the SDK's backoff
            // (about half a second) then finds a token.
            CompletableFuture<Void> refill = CompletableFuture.runAsync(() -> {
                await().atMost(Duration.ofSeconds(20)).until(() -> rejectedByRate(server) > before);
                server.clock.advance(Duration.ofSeconds(1));
            });
            Customer created = stripe.v1().customers().create(CustomerCreateParams.builder().build());
            refill.get();
            assertThat(created.getId()).startsWith("cus_");
            assertThat(rejectedByRate(server)).isGreaterThan(before);
        }
    }

    @Test
    void twoServersSharingOneRedisShareOneLimit() {
        TestRedis.require();
        String prefix = TestRedis.uniquePrefix();
        LimitSettings shared = LimitSettings.defaults().withRedis(TestRedis.URL, prefix);
        try (TestServer one = TestServer.startWithLimits(shared)) {
            String key = one.newAccount().secretKey();
            try (TestServer two = TestServer.startOnSameDatabase(one, shared)) {
                int ok = 0;
                int limited = 0;
                for (int i = 0; i < 20; i++) {
                    for (TestServer s : new TestServer[] {one, two}) {
                        int status = get(s, key, "/v1/customers").statusCode();
                        ok += status == 200 ? 1 : 0;
                        limited += status == 429 ? 1 : 0;
                    }
                }
                assertThat(ok).as("one bucket of 25 reads per second for both servers").isEqualTo(25);
                assertThat(limited).isEqualTo(15);
            }
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }
}
