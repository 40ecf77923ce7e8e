package dev.pinstripe.ratelimit;

import static dev.pinstripe.ratelimit.Requests.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two load shedders. Each request comes from its own account, so the per-account concurrency
 * limiter and the rate buckets stay out of the way.
 */
class LimiterSheddingTest {
    final ManualClock clock = ManualClock.atTheStartOf2026();
    final List<Runnable> inFlight = new ArrayList<>();
    int accounts;

    RequestTraits request(boolean livemode, String route) {
        return RequestTraits.of("acct_" + accounts++, livemode, route, null);
    }

    RequestTraits liveRead() {
        return request(true, "GET /v1/customers/{customer}");
    }

    RequestTraits liveWrite() {
        return request(true, "POST /v1/customers/{customer}");
    }

    RequestTraits liveCritical() {
        return request(true, "POST /v1/payment_intents/{intent}/confirm");
    }

    RequestTraits testCritical() {
        return request(false, "POST /v1/payment_intents");
    }

    RequestTraits testRead() {
        return request(false, "GET /v1/customers");
    }

    void hold(Limiters limiters, RequestTraits traits) {
        inFlight.add(Requests.hold(limiters, traits));
    }

    Admission.Kind refusal(Limiters limiters, RequestTraits traits) {
        Admission.Rejected refused = rejected(limiters.admit(traits));
        assertThat(refused.httpStatus()).isEqualTo(503);
        assertThat(refused.reason()).isNull();
        return refused.kind();
    }

    @Test
    void theFleetShedderKeepsItsReserveForCriticalLiveWrites() {
        try (Limiters limiters = new Limiters(LimitSettings.defaults().withFleet(10, 20).withWorkersMax(1000), clock)) {
            for (int i = 0; i < 8; i++) {
                hold(limiters, i % 2 == 0 ? liveRead() : liveWrite());
            }
            assertThat(refusal(limiters, liveRead())).isEqualTo(Admission.Kind.FLEET);
            assertThat(refusal(limiters, liveWrite())).isEqualTo(Admission.Kind.FLEET);
            assertThat(refusal(limiters, testCritical())).as("test mode is not critical").isEqualTo(Admission.Kind.FLEET);

            hold(limiters, liveCritical());
            hold(limiters, request(true, "POST /v1/refunds"));
            assertThat(refusal(limiters, request(true, "POST /v1/charges"))).isEqualTo(Admission.Kind.FLEET);
            assertThat(limiters.stats().rejected(Admission.Kind.FLEET)).isEqualTo(4);

            inFlight.removeFirst().run();
            inFlight.removeFirst().run();
            inFlight.removeFirst().run(); // 7 in flight: below the non-critical share again
            hold(limiters, liveRead());
            assertThat(refusal(limiters, liveRead())).isEqualTo(Admission.Kind.FLEET);
            inFlight.forEach(Runnable::run);
            assertThat(limiters.stats().inFlight()).isZero();
        }
    }

    @Test
    void theWorkerShedderShedsTestModeThenReadsThenWritesAndCriticalWritesLast() {
        // 10 permits: test mode up to 7 busy, live reads 8, other live writes 9, critical live writes 10.
        try (Limiters limiters = new Limiters(LimitSettings.defaults().withFleet(1000, 20).withWorkersMax(10), clock)) {
            for (int i = 0; i < 7; i++) {
                hold(limiters, i % 2 == 0 ? testRead() : testCritical());
            }
            assertThat(refusal(limiters, testRead())).isEqualTo(Admission.Kind.WORKERS);
            assertThat(refusal(limiters, testCritical())).isEqualTo(Admission.Kind.WORKERS);

            hold(limiters, liveRead());
            assertThat(refusal(limiters, liveRead())).isEqualTo(Admission.Kind.WORKERS);

            hold(limiters, liveWrite());
            assertThat(refusal(limiters, liveWrite())).isEqualTo(Admission.Kind.WORKERS);
            assertThat(refusal(limiters, liveRead())).isEqualTo(Admission.Kind.WORKERS);

            hold(limiters, liveCritical());
            assertThat(refusal(limiters, liveCritical())).isEqualTo(Admission.Kind.WORKERS);
            assertThat(limiters.stats().workersBusy()).isEqualTo(10);
            assertThat(limiters.stats().rejected(Admission.Kind.WORKERS)).isEqualTo(6);

            inFlight.removeLast().run();
            inFlight.removeLast().run(); // 8 busy: writes again, not reads
            hold(limiters, liveWrite());
            assertThat(refusal(limiters, liveRead())).isEqualTo(Admission.Kind.WORKERS);
            inFlight.forEach(Runnable::run);
            assertThat(limiters.stats().workersBusy()).isZero();
            hold(limiters, testRead());
        }
    }

    @Test
    void aShedRequestHoldsNothingAndTakesNoToken() {
        try (Limiters limiters = new Limiters(LimitSettings.defaults().withFleet(1, 0).withWorkersMax(1000), clock)) {
            RequestTraits read = RequestTraits.of("acct_same", false, "GET /v1/customers", null);
            Runnable first = Requests.hold(limiters, read);
            for (int i = 0; i < 100; i++) {
                assertThat(rejected(limiters.admit(read)).kind()).isEqualTo(Admission.Kind.FLEET);
            }
            first.run();
            assertThat(limiters.inFlight("acct_same")).isZero();
            Requests.runAdmitted(limiters, read, 24); // one of 25 tokens was taken by the first request
            assertThat(rejected(limiters.admit(read)).kind()).isEqualTo(Admission.Kind.RATE);
        }
    }
}
