package dev.pinstripe.webhooks;

/**
 * What one claimed delivery came to, as {@link DeliveryStore#finish} writes it.
 *
 * @param startedAtMs  epoch milliseconds (from the clock) when the attempt started
 * @param statusCode   the receiver's HTTP status, or null if there was no response
 * @param error        why the attempt failed without a response (or was refused), or null
 * @param responseBody the start of the response body, capped, or null
 */
public record AttemptResult(long deliveryId, int attempt, String endpointId, long eventSeq, Outcome outcome,
        long startedAtMs, int latencyMs, Integer statusCode, String error, String responseBody) {

    public enum Outcome {
        /** A 2xx response: the delivery is done. */
        SUCCEEDED,
        /** Anything else: retried on the schedule. */
        FAILED,
        /** 410 Gone: the endpoint is disabled at once. */
        GONE,
        /** Not sent: the endpoint is disabled or deleted, or the event is gone. No attempt is recorded. */
        CANCELED
    }

    static AttemptResult response(Claim c, long startedAtMs, int latencyMs, int statusCode, String body) {
        Outcome outcome = statusCode >= 200 && statusCode < 300 ? Outcome.SUCCEEDED
                : statusCode == 410 ? Outcome.GONE : Outcome.FAILED;
        return new AttemptResult(c.deliveryId(), c.attempt(), c.endpointId(), c.eventSeq(), outcome, startedAtMs,
                latencyMs, statusCode, null, body);
    }

    static AttemptResult error(Claim c, long startedAtMs, int latencyMs, String error) {
        return new AttemptResult(c.deliveryId(), c.attempt(), c.endpointId(), c.eventSeq(), Outcome.FAILED,
                startedAtMs, latencyMs, null, error, null);
    }

    static AttemptResult canceled(Claim c, long nowMs) {
        return new AttemptResult(c.deliveryId(), c.attempt(), c.endpointId(), c.eventSeq(), Outcome.CANCELED, nowMs,
                0, null, null, null);
    }

    /** Whether the receiver was reached or at least tried (a row in webhook_attempts). */
    boolean attempted() {
        return outcome != Outcome.CANCELED;
    }
}
