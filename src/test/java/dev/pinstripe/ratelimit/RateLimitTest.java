package dev.pinstripe.ratelimit;

import static dev.pinstripe.ratelimit.Requests.ACCOUNT;
import static dev.pinstripe.ratelimit.Requests.live;
import static dev.pinstripe.ratelimit.Requests.liveRead;
import static dev.pinstripe.ratelimit.Requests.rejected;
import static dev.pinstripe.ratelimit.Requests.run;
import static dev.pinstripe.ratelimit.Requests.runAdmitted;
import static dev.pinstripe.ratelimit.Requests.test;
import static dev.pinstripe.ratelimit.Requests.testRead;
import static dev.pinstripe.ratelimit.Requests.testWrite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request rate limiter in this process, with time moved by hand. */
class RateLimitTest {
    final ManualClock clock = ManualClock.atTheStartOf2026();
    final Limiters limiters = new Limiters(LimitSettings.defaults(), clock);

    @AfterEach
    void close() {
        limiters.close();
    }

    @Test
    void aBurstOverTheTestModeReadLimitIsRefusedWith429UntilASecondHasPassed() {
        runAdmitted(limiters, testRead(), 25);

        Admission.Rejected refused = rejected(run(limiters, testRead()));
        assertThat(refused.kind()).isEqualTo(Admission.Kind.RATE);
        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.reason()).isEqualTo("global-rate");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        runAdmitted(limiters, testRead(), 25);
        assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);
        assertThat(limiters.stats().rejected(Admission.Kind.RATE)).isEqualTo(2);
        assertThat(limiters.stats().admitted()).isEqualTo(50);
    }

    @Test
    void tokensRefillContinuouslyNotOnceASecond() {
        runAdmitted(limiters, testRead(), 25);
        assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);

        clock.advance(Duration.ofMillis(40)); // 25 per second: one token every 40 ms
        runAdmitted(limiters, testRead(), 1);
        assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);
    }

    @Test
    void readsAndWritesHaveSeparateBuckets() {
        runAdmitted(limiters, testRead(), 25);
        assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);

        runAdmitted(limiters, testWrite(), 25);
        assertThat(rejected(run(limiters, testWrite())).reason()).isEqualTo("global-rate");
    }

    @Test
    void testAndLiveModeAndAccountsHaveSeparateBuckets() {
        runAdmitted(limiters, testRead(), 25);
        assertThat(run(limiters, testRead())).isInstanceOf(Admission.Rejected.class);

        runAdmitted(limiters, liveRead(), 25);
        runAdmitted(limiters, RequestTraits.of("acct_1Other", false, "GET /v1/customers/{customer}", null), 25);
    }

    @Test
    void liveModeAllowsAHundredReadsASecondButTwentyFivePerEndpoint() {
        List<String> routes = List.of("GET /v1/customers/{customer}", "GET /v1/customers", "GET /v1/charges",
                "GET /v1/payment_intents/{intent}");
        runAdmitted(limiters, live(routes.get(0)), 25);
        Admission.Rejected endpoint = rejected(run(limiters, live(routes.get(0))));
        assertThat(endpoint.kind()).isEqualTo(Admission.Kind.RATE);
        assertThat(endpoint.reason()).isEqualTo("endpoint-rate");

        for (String route : routes.subList(1, 4)) {
            runAdmitted(limiters, live(route), 25);
        }
        Admission.Rejected global = rejected(run(limiters, live("GET /v1/refunds")));
        assertThat(global.reason()).isEqualTo("global-rate");

        runAdmitted(limiters, live("POST /v1/customers"), 25); // writes: their own 100
    }

    @Test
    void anEndpointIsItsMethodAndTemplateWhateverTheIds() {
        for (int i = 0; i < 25; i++) {
            assertThat(run(limiters, RequestTraits.of(ACCOUNT, true, "GET /v1/customers/{customer}", "cus_" + i)))
                    .isInstanceOf(Admission.Admitted.class);
        }
        assertThat(rejected(run(limiters, RequestTraits.of(ACCOUNT, true, "GET /v1/customers/{id}", "cus_new")))
                .reason()).isEqualTo("endpoint-rate");
        runAdmitted(limiters, live("POST /v1/customers/{customer}"), 1);
    }

    @Test
    void searchIsLimitedToTwentyReadsASecondAcrossSearchEndpoints() {
        runAdmitted(limiters, test("GET /v1/customers/search"), 12);
        runAdmitted(limiters, test("GET /v1/payment_intents/search"), 8);

        Admission.Rejected refused = rejected(run(limiters, test("GET /v1/charges/search")));
        assertThat(refused.reason()).isEqualTo("endpoint-rate");

        // The refused search took no token from the mode's 25 reads: 5 are left.
        runAdmitted(limiters, testRead(), 5);
        assertThat(rejected(run(limiters, testRead())).reason()).isEqualTo("global-rate");

        runAdmitted(limiters, live("GET /v1/customers/search"), 20);
        assertThat(run(limiters, live("GET /v1/customers/search"))).isInstanceOf(Admission.Rejected.class);
    }

    @Test
    void onePaymentIntentTakesAThousandUpdatesAnHour() {
        LimitSettings d = LimitSettings.defaults();
        LimitSettings fastWrites = new LimitSettings(true, null, d.redisKeyPrefix(), d.redisTimeout(),
                d.redisProbeInterval(), d.test(), new LimitSettings.Rates(100, 5000, 0), d.searchReadsPerSecond(),
                d.paymentIntentUpdatesPerHour(), d.concurrencyMax(), d.fleetCapacity(), d.fleetReservePercent(),
                d.workersMax());
        try (Limiters custom = new Limiters(fastWrites, clock)) {
            RequestTraits update = RequestTraits.of(ACCOUNT, true, "POST /v1/payment_intents/{intent}", "pi_1");
            runAdmitted(custom, update, 1000);

            Admission.Rejected refused = rejected(run(custom, update));
            assertThat(refused.reason()).isEqualTo("resource-specific");
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(4)); // one token every 3.6 s

            runAdmitted(custom, RequestTraits.of(ACCOUNT, true, "POST /v1/payment_intents/{intent}", "pi_2"), 1);
            runAdmitted(custom, RequestTraits.of(ACCOUNT, true, "POST /v1/payment_intents/{intent}/confirm", "pi_1"), 1);
            runAdmitted(custom, RequestTraits.of(ACCOUNT, false, "POST /v1/payment_intents/{intent}", "pi_1"), 1);

            clock.advance(Duration.ofMillis(3600));
            runAdmitted(custom, update, 1);
            assertThat(run(custom, update)).isInstanceOf(Admission.Rejected.class);
        }
    }

    @Test
    void paymentIntentUpdatesAlsoCountAgainstTheEndpointAndModeLimits() {
        RequestTraits update = RequestTraits.of(ACCOUNT, true, "POST /v1/payment_intents/{intent}", "pi_1");
        runAdmitted(limiters, update, 25);
        assertThat(rejected(run(limiters, update)).reason()).isEqualTo("endpoint-rate");
    }

    @Test
    void ratesAreSettings() {
        LimitSettings tight = new LimitSettings(true, null, "p:", Duration.ofMillis(100), Duration.ofSeconds(5),
                new LimitSettings.Rates(2, 3, 0), new LimitSettings.Rates(4, 5, 1), 0, 0, 20, 100, 20, 100);
        try (Limiters custom = new Limiters(tight, clock)) {
            runAdmitted(custom, testRead(), 2);
            assertThat(run(custom, testRead())).isInstanceOf(Admission.Rejected.class);
            runAdmitted(custom, testWrite(), 3);
            assertThat(run(custom, testWrite())).isInstanceOf(Admission.Rejected.class);
            runAdmitted(custom, liveRead(), 1);
            assertThat(rejected(run(custom, liveRead())).reason()).isEqualTo("endpoint-rate");
            clock.advance(Duration.ofSeconds(1));
            runAdmitted(custom, test("GET /v1/customers/search"), 2); // search limit 0: off, the mode's reads remain
        }
    }
}
