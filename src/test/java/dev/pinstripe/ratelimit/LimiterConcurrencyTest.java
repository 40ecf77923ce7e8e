package dev.pinstripe.ratelimit;

import static dev.pinstripe.ratelimit.Requests.ACCOUNT;
import static dev.pinstripe.ratelimit.Requests.hold;
import static dev.pinstripe.ratelimit.Requests.rejected;
import static dev.pinstripe.ratelimit.Requests.testRead;
import static dev.pinstripe.ratelimit.Requests.testWrite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-account concurrency limiter: requests in flight, not requests per second. */
class LimiterConcurrencyTest {
    final ManualClock clock = ManualClock.atTheStartOf2026();
    final Limiters limiters = new Limiters(LimitSettings.defaults(), clock);

    @AfterEach
    void close() {
        limiters.close();
    }

    @Test
    void twentyRequestsMayBeInFlightAndTheTwentyFirstIsRefusedWith429() {
        List<Runnable> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(hold(limiters, i % 2 == 0 ? testRead() : testWrite()));
        }

        Admission.Rejected refused = rejected(limiters.admit(testRead()));
        assertThat(refused.kind()).isEqualTo(Admission.Kind.CONCURRENCY);
        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.reason()).isEqualTo("global-concurrency");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiters.stats().rejected(Admission.Kind.CONCURRENCY)).isEqualTo(1);

        // Another account is not affected.
        hold(limiters, RequestTraits.of("acct_1Other", false, "GET /v1/customers", null)).run();

        inFlight.removeFirst().run();
        inFlight.add(hold(limiters, testRead()));
        assertThat(limiters.admit(testRead())).isInstanceOf(Admission.Rejected.class);

        inFlight.forEach(Runnable::run);
        assertThat(limiters.inFlight(ACCOUNT)).isZero();
        assertThat(limiters.stats().inFlight()).isZero();
        assertThat(limiters.stats().workersBusy()).isZero();
    }

    @Test
    void releasingTwiceFreesOneSlot() {
        List<Runnable> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(hold(limiters, testRead()));
        }
        Runnable first = inFlight.removeFirst();
        first.run();
        first.run();
        assertThat(limiters.inFlight(ACCOUNT)).isEqualTo(19);

        inFlight.add(hold(limiters, testRead()));
        assertThat(limiters.admit(testRead())).isInstanceOf(Admission.Rejected.class);
        inFlight.forEach(Runnable::run);
    }

    @Test
    void aRequestRefusedForConcurrencyTakesNoRateToken() {
        List<Runnable> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(hold(limiters, testRead()));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(rejected(limiters.admit(testRead())).kind()).isEqualTo(Admission.Kind.CONCURRENCY);
        }
        inFlight.forEach(Runnable::run);
        Requests.runAdmitted(limiters, testRead(), 5); // 25 - 20 tokens are left
        assertThat(rejected(limiters.admit(testRead())).kind()).isEqualTo(Admission.Kind.RATE);
    }

    @Test
    void concurrentAdmissionsNeverExceedTheLimit() throws Exception {
        LimitSettings generousRates = new LimitSettings(true, null, "p:", Duration.ofMillis(100), Duration.ofSeconds(5),
                new LimitSettings.Rates(100_000, 100_000, 0), LimitSettings.LIVE_DEFAULT, 0, 0, 20, 10_000, 20, 10_000);
        try (Limiters many = new Limiters(generousRates, clock);
                ExecutorService threads = Executors.newFixedThreadPool(8)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> admitted = new ArrayList<>();
            List<Runnable> releases = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                admitted.add(threads.submit(() -> {
                    start.await();
                    int n = 0;
                    for (int i = 0; i < 200; i++) {
                        if (many.admit(testRead()) instanceof Admission.Admitted a) {
                            releases.add(a.release());
                            n++;
                        }
                    }
                    return n;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(20);
            assertThat(many.inFlight(ACCOUNT)).isEqualTo(20);
            releases.forEach(Runnable::run);
            assertThat(many.inFlight(ACCOUNT)).isZero();
            assertThat(many.stats().inFlight()).isZero();
        }
    }
}
