package dev.pinstripe.payments;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.radar.reviews.EarlyFraudWarningService;
import dev.pinstripe.radar.reviews.ReviewService;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.ledger.JournalEntry;
import dev.pinstripe.ledger.Ledger;
import dev.pinstripe.money.Currencies;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Refunds. A refund locks its PaymentIntent (if any) and then its charge, the same order every
 * payment operation uses, so concurrent refunds of one charge run one after another and can never
 * refund more than was captured (the table's CHECK says the same).
 */
public final class RefundService {
    private final Clock clock;
    private final Ledger ledger;
    private final PaymentIntentStore paymentIntents = new PaymentIntentStore();
    private final ChargeStore charges = new ChargeStore();
    private final DisputeStore disputes = new DisputeStore();
    final RefundStore store = new RefundStore();

    private final EventLog events;

    private final ReviewService reviews;
    private final EarlyFraudWarningService earlyFraudWarnings;

    public RefundService(Clock clock, Ledger ledger, EventLog events, ReviewService reviews,
            EarlyFraudWarningService earlyFraudWarnings) {
        this.reviews = reviews;
        this.earlyFraudWarnings = earlyFraudWarnings;
        this.clock = clock;
        this.ledger = ledger;
        this.events = events;
    }

    Refund create(Handle h, Scope scope, String chargeId, String paymentIntentId, Patch<Long> amount, String reason,
            Patch<Map<String, String>> metadata) {
        Charge charge = lockCharge(h, scope, chargeId, paymentIntentId);
        if (!Charge.SUCCEEDED.equals(charge.status())) {
            throw ApiErrors.chargeNotSucceeded(charge.id());
        }
        if (!charge.captured()) {
            throw ApiErrors.chargeNotCaptured(charge.id());
        }
        if (charge.disputed() && disputes.findByCharge(h, scope, charge.id())
                .filter(d -> !d.isChargeRefundable()).isPresent()) {
            throw ApiErrors.chargeDisputed(charge.id());
        }
        long remaining = charge.refundable();
        if (remaining == 0) {
            throw ApiErrors.chargeAlreadyRefunded(charge.id());
        }
        long refund = amount.orDefault(remaining);
        if (refund < 1) {
            throw ApiErrors.amountNotPositive("amount");
        }
        if (refund > remaining) {
            throw ApiErrors.refundTooLarge(Currencies.display(refund, charge.currency()),
                    Currencies.display(remaining, charge.currency()));
        }
        String id = Ids.object("re_");
        JournalEntry entry = ledger.recordRefund(h, scope, id, charge.currency(), refund,
                "REFUND FOR CHARGE" + (charge.details().description() != null
                        ? " (" + charge.details().description() + ")" : ""));
        Refund r = new Refund(id, scope.livemode(), clock.instant().getEpochSecond(), charge.id(),
                charge.paymentIntentId(), charge.customerId(), charge.paymentMethodId(), refund, charge.currency(),
                "succeeded", reason, entry.id(), Metadata.apply(Map.of(), metadata));
        store.insert(h, scope, r);
        Charge refunded = charge.withRefunded(charge.amountRefunded() + refund);
        charges.update(h, scope, refunded);
        events.recordUpdate(h, scope, "charge.refunded", PaymentJson.charge(charge), PaymentJson.charge(refunded));
        events.record(h, scope, "refund.created", RefundJson.render(r));
        // Refunding settles an open review, and a fully refunded charge's fraud warning needs no action.
        reviews.closeForCharge(h, scope, charge.id(), "fraudulent".equals(reason) ? "refunded_as_fraud" : "refunded");
        if (refunded.refundable() == 0) {
            earlyFraudWarnings.markNotActionable(h, scope, charge.id());
        }
        return r;
    }

    Refund retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).orElseThrow(() -> ApiErrors.resourceMissing("refund", id, "refund"));
    }

    Refund update(Handle h, Scope scope, String id, Patch<Map<String, String>> metadata) {
        Refund r = store.find(h, scope, id, true).orElseThrow(() -> ApiErrors.resourceMissing("refund", id, "refund"));
        Refund updated = new Refund(r.id(), r.livemode(), r.created(), r.chargeId(), r.paymentIntentId(),
                r.customerId(), r.paymentMethodId(), r.amount(), r.currency(), r.status(), r.reason(),
                r.balanceTransactionId(), Metadata.apply(r.metadata(), metadata));
        store.updateMetadata(h, scope, updated);
        events.recordUpdate(h, scope, "refund.updated", RefundJson.render(r), RefundJson.render(updated));
        return updated;
    }

    /** Only refunds waiting for customer action can be canceled; card refunds never wait. */
    Refund cancel(Handle h, Scope scope, String id) {
        Refund r = retrieve(h, scope, id);
        throw ApiErrors.refundNotCancelable(r.id(), r.status());
    }

    Page<Refund> list(Handle h, Scope scope, ListRequest request, String charge, String paymentIntent) {
        return store.list(h, scope, request, charge, paymentIntent);
    }

    /** The charge to refund, locked after its PaymentIntent. */
    private Charge lockCharge(Handle h, Scope scope, String chargeId, String paymentIntentId) {
        if (paymentIntentId != null) {
            PaymentIntent pi = paymentIntents.find(h, scope, paymentIntentId, true)
                    .orElseThrow(() -> ApiErrors.resourceMissing("payment_intent", paymentIntentId, "payment_intent"));
            if (pi.latestChargeId() == null || (chargeId != null && !chargeId.equals(pi.latestChargeId()))) {
                if (pi.status().equals(PaymentIntent.REQUIRES_CAPTURE)) {
                    throw ApiErrors.chargeNotCaptured(pi.latestChargeId());
                }
                throw ApiErrors.paymentIntentUnexpectedState("This PaymentIntent (" + pi.id() + ") does not have a"
                        + " successful charge to refund.");
            }
            return charges.find(h, scope, pi.latestChargeId(), true).orElseThrow();
        }
        Charge unlocked = charges.find(h, scope, chargeId, false)
                .orElseThrow(() -> ApiErrors.resourceMissing("charge", chargeId, "charge"));
        if (unlocked.paymentIntentId() != null) {
            paymentIntents.find(h, scope, unlocked.paymentIntentId(), true);
        }
        return charges.find(h, scope, chargeId, true).orElseThrow();
    }
}
