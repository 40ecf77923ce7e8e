package dev.pinstripe.ratelimit;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The decision {@link Limiters#admit} takes for one request. */
public sealed interface Admission {

    /** Which limiter turned a request away (docs/rate-limits.md). */
    enum Kind {
        /** A token bucket is empty: the account sends too many requests per second (429). */
        RATE(429),
        /** The account has too many requests in flight at once (429). */
        CONCURRENCY(429),
        /** The process is near its in-flight capacity; only critical writes use the reserve (503). */
        FLEET(503),
        /** The process's worker permits are saturated for this request's priority (503). */
        WORKERS(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    /**
     * The request may run. {@code release} must be called exactly once when it has finished (in a
     * {@code finally}); calling it again does nothing.
     */
    record Admitted(Runnable release) implements Admission {}

    /**
     * The request must not run.
     *
     * @param kind       the limiter that refused it
     * @param httpStatus 429 for {@link Kind#RATE} and {@link Kind#CONCURRENCY}, 503 for the shedders
     * @param retryAfter when a retry may succeed (whole seconds, at least one)
     * @param reason     the value of Stripe's {@code Stripe-Rate-Limited-Reason} header
     *                   ({@code global-rate}, {@code endpoint-rate}, {@code resource-specific},
     *                   {@code global-concurrency}), or null for the load shedders
     */
    record Rejected(Kind kind, int httpStatus, Duration retryAfter, String reason) implements Admission {
        public static final String SHOULD_RETRY_HEADER = "Stripe-Should-Retry";
        public static final String RETRY_AFTER_HEADER = "Retry-After";
        public static final String REASON_HEADER = "Stripe-Rate-Limited-Reason";

        /** The error body to render, from {@link ApiErrors}. */
        public ApiException error() {
            return switch (kind) {
                case RATE -> ApiErrors.rateLimited();
                case CONCURRENCY -> ApiErrors.concurrencyLimited();
                case FLEET, WORKERS -> ApiErrors.loadShed();
            };
        }

        /**
         * The headers to send with the error. {@code Stripe-Should-Retry: true} is what makes the
         * official SDKs retry a 429 (stripe-java retries a 429 only when it is set); a rejected
         * request has not run, so a retry is always safe.
         */
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(SHOULD_RETRY_HEADER, "true");
            headers.put(RETRY_AFTER_HEADER, Long.toString(retryAfter.toSeconds()));
            if (reason != null) {
                headers.put(REASON_HEADER, reason);
            }
            return headers;
        }
    }
}
