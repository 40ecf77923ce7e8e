package dev.pinstripe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests for the limiter tests, and the way a server uses an admission: release it when done. */
final class Requests {
    static final String ACCOUNT = "acct_1TestAccount000";

    private Requests() {}

    static RequestTraits test(String route) {
        return RequestTraits.of(ACCOUNT, false, route, null);
    }

    static RequestTraits live(String route) {
        return RequestTraits.of(ACCOUNT, true, route, null);
    }

    static RequestTraits testRead() {
        return test("GET /v1/customers/{customer}");
    }

    static RequestTraits testWrite() {
        return test("POST /v1/customers/{customer}");
    }

    static RequestTraits liveRead() {
        return live("GET /v1/customers/{customer}");
    }

    /** Admits a request and, if it was admitted, releases it at once, as a finished request does. */
    static Admission run(Limiters limiters, RequestTraits traits) {
        Admission admission = limiters.admit(traits);
        if (admission instanceof Admission.Admitted admitted) {
            admitted.release().run();
        }
        return admission;
    }

    /** Runs {@code count} requests, each of which must be admitted. */
    static void runAdmitted(Limiters limiters, RequestTraits traits, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(run(limiters, traits)).as("request %d of %d to %s", i + 1, count, traits.route())
                    .isInstanceOf(Admission.Admitted.class);
        }
    }

    /** Admits a request that must be admitted and returns its release, without running it. */
    static Runnable hold(Limiters limiters, RequestTraits traits) {
        Admission admission = limiters.admit(traits);
        assertThat(admission).as("admission of %s", traits).isInstanceOf(Admission.Admitted.class);
        return ((Admission.Admitted) admission).release();
    }

    static Admission.Rejected rejected(Admission admission) {
        assertThat(admission).isInstanceOf(Admission.Rejected.class);
        return (Admission.Rejected) admission;
    }
}
