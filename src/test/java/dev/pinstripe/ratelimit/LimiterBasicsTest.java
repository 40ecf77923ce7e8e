package dev.pinstripe.ratelimit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.pinstripe.ratelimit.Requests.run;
import static dev.pinstripe.ratelimit.Requests.runAdmitted;
import static dev.pinstripe.ratelimit.Requests.testRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.ErrorJson;
import dev.pinstripe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The off switch, route classification, the error bodies and headers, settings, and layering. */
class LimiterBasicsTest {
    final ManualClock clock = ManualClock.atTheStartOf2026();

    @Test
    void switchedOffNothingIsEverRefusedAndRedisIsNotContacted() {
        LimitSettings off = LimitSettings.off().withRedis("redis://192.0.2.1:6379", "p:"); // TEST-NET: unroutable
        long started = System.nanoTime();
        try (Limiters limiters = new Limiters(off, clock)) {
            List<Runnable> held = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                held.add(Requests.hold(limiters, i % 2 == 0 ? testRead() : Requests.testWrite()));
            }
            held.forEach(Runnable::run);
            Limiters.Stats stats = limiters.stats();
            assertThat(stats.admitted()).isEqualTo(1000);
            assertThat(stats.rejected().values()).containsOnly(0L);
            assertThat(stats.distributed()).isFalse();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void withoutRedisEachProcessHasItsOwnLimit() {
        try (Limiters a = new Limiters(LimitSettings.defaults(), clock);
                Limiters b = new Limiters(LimitSettings.defaults(), clock)) {
            runAdmitted(a, testRead(), 25);
            runAdmitted(b, testRead(), 25);
            assertThat(run(a, testRead())).isInstanceOf(Admission.Rejected.class);
            assertThat(a.stats().distributed()).isFalse();
            assertThat(a.stats().localFallbacks()).isZero();
        }
    }

    @Test
    void routesAreClassifiedByMethodAndTemplate() {
        assertThat(Criticality.of("POST /v1/payment_intents")).isEqualTo(Criticality.CRITICAL_WRITE);
        assertThat(Criticality.of("POST /v1/payment_intents/{intent}/confirm")).isEqualTo(Criticality.CRITICAL_WRITE);
        assertThat(Criticality.of("POST /v1/payment_intents/{id}/capture")).isEqualTo(Criticality.CRITICAL_WRITE);
        assertThat(Criticality.of("POST /v1/refunds")).isEqualTo(Criticality.CRITICAL_WRITE);
        assertThat(Criticality.of("POST /v1/charges")).isEqualTo(Criticality.CRITICAL_WRITE);
        assertThat(Criticality.of("post /v1/charges/{charge}/capture")).isEqualTo(Criticality.CRITICAL_WRITE);

        assertThat(Criticality.of("POST /v1/payment_intents/{intent}")).isEqualTo(Criticality.WRITE);
        assertThat(Criticality.of("POST /v1/payment_intents/{intent}/cancel")).isEqualTo(Criticality.WRITE);
        assertThat(Criticality.of("POST /v1/refunds/{refund}/cancel")).isEqualTo(Criticality.WRITE);
        assertThat(Criticality.of("POST /v1/customers")).isEqualTo(Criticality.WRITE);
        assertThat(Criticality.of("DELETE /v1/webhook_endpoints/{id}")).isEqualTo(Criticality.WRITE);
        assertThat(Criticality.of("POST /v1/disputes/{dispute}/close")).isEqualTo(Criticality.WRITE);

        assertThat(Criticality.of("GET /v1/payment_intents/{intent}")).isEqualTo(Criticality.READ);
        assertThat(Criticality.of("GET /v1/charges/search")).isEqualTo(Criticality.READ);

        RequestTraits traits = RequestTraits.of("acct_1", true, "DELETE /v1/customers/{customer}", "cus_1");
        assertThat(traits.write()).isTrue();
        assertThat(traits.criticality()).isEqualTo(Criticality.WRITE);
        assertThat(Priority.of(traits)).isEqualTo(Priority.WRITE);
        assertThat(Priority.of(RequestTraits.of("acct_1", false, "POST /v1/refunds", null))).isEqualTo(Priority.TEST);
        assertThatThrownBy(() -> Criticality.of("/v1/customers")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateLimitIsStripesErrorWithHeadersThatMakeTheSdksRetry() throws Exception {
        Admission.Rejected rate = new Admission.Rejected(Admission.Kind.RATE, 429, Duration.ofSeconds(2), "global-rate");
        JsonNode error = render(rate.error());
        assertThat(rate.error().status()).isEqualTo(429);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit");
        assertThat(error.path("message").asText()).isEqualTo(
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.");
        assertThat(error.path("doc_url").asText()).isEqualTo("https://stripe.com/docs/error-codes/rate-limit");
        assertThat(rate.headers()).containsEntry("Stripe-Should-Retry", "true").containsEntry("Retry-After", "2")
                .containsEntry("Stripe-Rate-Limited-Reason", "global-rate");

        Admission.Rejected concurrency = new Admission.Rejected(Admission.Kind.CONCURRENCY, 429, Duration.ofSeconds(1),
                "global-concurrency");
        assertThat(concurrency.error().status()).isEqualTo(429);
        assertThat(render(concurrency.error()).path("code").asText()).isEqualTo("rate_limit");
        assertThat(concurrency.error().getMessage()).contains("concurrent");

        for (Admission.Kind kind : List.of(Admission.Kind.FLEET, Admission.Kind.WORKERS)) {
            Admission.Rejected shed = new Admission.Rejected(kind, 503, Duration.ofSeconds(1), null);
            JsonNode body = render(shed.error());
            assertThat(shed.error().status()).isEqualTo(503);
            assertThat(body.path("type").asText()).isEqualTo("api_error");
            assertThat(body.has("code")).isFalse();
            assertThat(body.path("message").asText()).contains("not processed");
            assertThat(shed.headers()).containsEntry("Stripe-Should-Retry", "true").containsEntry("Retry-After", "1")
                    .doesNotContainKey("Stripe-Rate-Limited-Reason");
        }
    }

    private static JsonNode render(ApiException e) throws Exception {
        return new ObjectMapper().readTree(ErrorJson.render(e)).path("error");
    }

    @Test
    void defaultsAreStripesPublishedLimits() {
        LimitSettings d = LimitSettings.defaults();
        assertThat(d.enabled()).isTrue();
        assertThat(d.redisUrl()).isNull();
        assertThat(d.test()).isEqualTo(new LimitSettings.Rates(25, 25, 25));
        assertThat(d.live()).isEqualTo(new LimitSettings.Rates(100, 100, 25));
        assertThat(d.searchReadsPerSecond()).isEqualTo(20);
        assertThat(d.paymentIntentUpdatesPerHour()).isEqualTo(1000);
        assertThat(d.concurrencyMax()).isEqualTo(20);
        assertThat(d.redisTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.withRedis(" ", "p:").redisUrl()).isNull();
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        LimitSettings d = LimitSettings.defaults();
        assertThatThrownBy(() -> d.withConcurrencyMax(0)).hasMessageContaining("concurrent requests");
        assertThatThrownBy(() -> d.withFleet(10, 95)).hasMessageContaining("reserve");
        assertThatThrownBy(() -> d.withWorkersMax(0)).hasMessageContaining("worker");
        assertThatThrownBy(() -> d.withRedisTiming(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("timeout");
        assertThatThrownBy(() -> d.withRedis("redis://x", "")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new LimitSettings.Rates(0, 1, 1)).hasMessageContaining("reads");
    }

    @Test
    void theLimitersKnowNothingOfTheHttpLayer() {
        noClasses().that().resideInAPackage("dev.pinstripe.ratelimit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                        "dev.pinstripe.http..", "dev.pinstripe.app..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.pinstripe.ratelimit"));
    }
}
