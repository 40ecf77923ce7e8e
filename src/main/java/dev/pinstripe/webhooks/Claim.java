package dev.pinstripe.webhooks;

import dev.pinstripe.events.StoredEvent;

/**
 * A delivery claimed for one attempt, with what sending it needs. The claim holds the delivery
 * until {@code next_attempt_at} (its lease); its result is written only while {@code lease_owner}
 * and {@code attempts} still match.
 *
 * @param attempt      this attempt's number (the delivery's {@code attempts} after the claim)
 * @param event        the event, or null if its row is gone
 * @param url          the endpoint's URL, or null if its row is gone
 * @param endpointLive whether the endpoint exists, is enabled and is not deleted
 */
public record Claim(long deliveryId, int attempt, String endpointId, long eventSeq, StoredEvent event, String url,
        String secret, String previousSecret, Long previousSecretExpiresAt, boolean endpointLive) {

    /** Whether it is to be sent; otherwise it is canceled. */
    public boolean deliverable() {
        return event != null && url != null && endpointLive;
    }

    /** Never shows the secrets, so a claim can be logged. */
    @Override
    public String toString() {
        return "Claim[delivery=" + deliveryId + ", attempt=" + attempt + ", endpoint=" + endpointId + ", event_seq="
                + eventSeq + "]";
    }
}
