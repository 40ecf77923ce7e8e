package dev.pinstripe.radar.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ids.Ids;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Radar reviews; each use case runs inside the caller's transaction and records its event there
 * ({@code review.opened}, {@code review.closed}). The payment code opens a review and closes it
 * when the charge is refunded or disputed; the API lists, retrieves and approves.
 */
public final class ReviewService {
    private final Clock clock;
    private final EventLog events;
    final ReviewStore store = new ReviewStore();

    public ReviewService(Clock clock, EventLog events) {
        this.clock = clock;
        this.events = events;
    }

    /**
     * Puts a charge under review and records {@code review.opened}. A charge has at most one open
     * review: when it already has one, that review is returned and nothing is recorded.
     *
     * @throws IllegalArgumentException when the charge is not in {@code scope}, or belongs to
     *     another PaymentIntent than the one given
     */
    public Review open(Handle h, Scope scope, ReviewOpening opening) {
        ChargeFacts charge = ChargeFacts.require(h, scope, opening.chargeId(), opening.paymentIntentId());
        Review review = new Review(Ids.object("prv_"), scope.livemode(), now(), opening.chargeId(),
                charge.paymentIntentId(), true, opening.openedReason(), null, null, opening.billingZip(),
                opening.ipAddress());
        if (!store.insertOpen(h, scope, review)) {
            return store.findOpenByCharge(h, scope, opening.chargeId(), false).orElseThrow(() ->
                    new IllegalStateException("charge " + opening.chargeId() + " has an open review but none is"
                            + " visible"));
        }
        events.record(h, scope, "review.opened", ReviewJson.render(review));
        return review;
    }

    /**
     * Closes the charge's open review with {@code closedReason} (e.g. {@code refunded},
     * {@code refunded_as_fraud}, {@code disputed}) and records {@code review.closed}; does nothing
     * when the charge has no open review.
     */
    public void closeForCharge(Handle h, Scope scope, String chargeId, String closedReason) {
        requireClosedReason(closedReason);
        store.findOpenByCharge(h, scope, chargeId, true).ifPresent(r -> close(h, scope, r, closedReason));
    }

    /** The charge's open review, if any. */
    public Optional<String> openReviewId(Handle h, Scope scope, String chargeId) {
        return store.findOpenByCharge(h, scope, chargeId, false).map(Review::id);
    }

    /** The charge's latest review, open or closed: what the charge's {@code review} field shows. */
    public Optional<String> reviewIdForCharge(Handle h, Scope scope, String chargeId) {
        return store.findLatestByCharge(h, scope, chargeId).map(Review::id);
    }

    Review retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).orElseThrow(() -> ApiErrors.resourceMissing("review", id, "review"));
    }

    Page<Review> list(Handle h, Scope scope, ListRequest request) {
        return store.listOpen(h, scope, request);
    }

    /** {@code POST /v1/reviews/{id}/approve}: closes an open review with reason {@code approved}. */
    Review approve(Handle h, Scope scope, String id) {
        Review r = store.find(h, scope, id, true).orElseThrow(() -> ApiErrors.resourceMissing("review", id, "review"));
        if (!r.open()) {
            throw ApiErrors.reviewAlreadyClosed(r.id(), r.closedReason());
        }
        return close(h, scope, r, "approved");
    }

    /** Closes a review whose row lock the caller holds. */
    private Review close(Handle h, Scope scope, Review open, String closedReason) {
        Review closed = open.closed(closedReason, now());
        store.close(h, scope, closed);
        events.record(h, scope, "review.closed", ReviewJson.render(closed));
        return closed;
    }

    private static void requireClosedReason(String closedReason) {
        if (!Review.CLOSED_REASONS.contains(closedReason)) {
            throw new IllegalArgumentException("closed_reason must be one of " + Review.CLOSED_REASONS + ", not "
                    + closedReason);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
