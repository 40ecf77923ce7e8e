package dev.pinstripe.radar.reviews;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ids.Ids;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Early fraud warnings; each use case runs inside the caller's transaction and records its event
 * there ({@code radar.early_fraud_warning.created}, {@code .updated}). The payment code opens them
 * and makes them not actionable when the charge is disputed or fully refunded; the API reads them.
 */
public final class EarlyFraudWarningService {
    private final Clock clock;
    private final EventLog events;
    final EarlyFraudWarningStore store = new EarlyFraudWarningStore();

    public EarlyFraudWarningService(Clock clock, EventLog events) {
        this.clock = clock;
        this.events = events;
    }

    /**
     * Records the issuer's warning about a charge and {@code radar.early_fraud_warning.created}. It is
     * actionable unless the charge is already disputed or fully refunded.
     *
     * @param paymentIntentId the charge's PaymentIntent, or null to take it from the charge
     * @throws IllegalArgumentException for an unknown fraud type, a charge not in {@code scope}, or a
     *     PaymentIntent that is not the charge's
     */
    public EarlyFraudWarning open(Handle h, Scope scope, String chargeId, String paymentIntentId, String fraudType) {
        if (!EarlyFraudWarning.FRAUD_TYPES.contains(fraudType)) {
            throw new IllegalArgumentException("fraud_type must be one of " + EarlyFraudWarning.FRAUD_TYPES + ", not "
                    + fraudType);
        }
        ChargeFacts charge = ChargeFacts.require(h, scope, chargeId, paymentIntentId);
        EarlyFraudWarning w = new EarlyFraudWarning(Ids.object("issfr_"), scope.livemode(),
                clock.instant().getEpochSecond(), chargeId, charge.paymentIntentId(),
                !charge.disputedOrFullyRefunded(), fraudType);
        store.insert(h, scope, w);
        events.record(h, scope, "radar.early_fraud_warning.created", EarlyFraudWarningJson.render(w));
        return w;
    }

    /**
     * The charge was disputed or fully refunded: its actionable warnings become not actionable,
     * each with {@code radar.early_fraud_warning.updated}. Does nothing when there are none.
     */
    public void markNotActionable(Handle h, Scope scope, String chargeId) {
        for (EarlyFraudWarning w : store.lockActionableByCharge(h, scope, chargeId)) {
            EarlyFraudWarning updated = w.notActionable();
            store.markNotActionable(h, scope, w.id());
            events.recordUpdate(h, scope, "radar.early_fraud_warning.updated", EarlyFraudWarningJson.render(w),
                    EarlyFraudWarningJson.render(updated));
        }
    }

    EarlyFraudWarning retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id).orElseThrow(() -> ApiErrors.resourceMissing("radar.early_fraud_warning", id,
                "early_fraud_warning"));
    }

    Page<EarlyFraudWarning> list(Handle h, Scope scope, ListRequest request, String chargeId,
            String paymentIntentId) {
        return store.list(h, scope, request, chargeId, paymentIntentId);
    }
}
