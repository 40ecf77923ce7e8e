package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Patch;
import dev.pinstripe.api.Scope;
import dev.pinstripe.api.Shapes;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.ledger.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Disputes. A chargeback withdraws the disputed amount and the dispute fee from the balance when it
 * opens; winning returns both. As in Stripe's test mode, submitted evidence whose
 * {@code uncategorized_text} is {@code winning_evidence} or {@code losing_evidence} decides the outcome.
 */
public final class DisputeService {
    static final Duration RESPONSE_WINDOW = Duration.ofDays(7);
    static final String WINNING_EVIDENCE = "winning_evidence";
    static final String LOSING_EVIDENCE = "losing_evidence";

    private final Clock clock;
    private final Ledger ledger;
    final DisputeStore store = new DisputeStore();
    private final ChargeStore charges = new ChargeStore();

    private final EventLog events;

    public DisputeService(Clock clock, Ledger ledger, EventLog events) {
        this.clock = clock;
        this.ledger = ledger;
        this.events = events;
    }

    /** The dispute as the API shows it, with its balance transactions. */
    ObjectNode render(Handle h, Scope scope, Dispute d) {
        String brand = charges.find(h, scope, d.chargeId(), false)
                .map(c -> c.details().paymentMethodDetails().path("brand").asText()).orElse("");
        return DisputeJson.render(d, ledger.bySources(h, scope, List.of(d.id())), brand, now());
    }

    /** Opens a dispute on a captured charge, as the card network would after the payment. */
    Dispute open(Handle h, Scope scope, Charge charge, String reason, String status) {
        long now = now();
        boolean inquiry = status.startsWith("warning_");
        ObjectNode details = Json.object();
        details.put("due_by", now + RESPONSE_WINDOW.toSeconds());
        details.putObject("enhanced_eligibility");
        details.put("has_evidence", false);
        details.put("past_due", false);
        details.put("submission_count", 0);
        details.put("submission_method", "not_submitted");
        Dispute d = new Dispute(Ids.object("du_"), scope.livemode(), now, charge.id(), charge.paymentIntentId(),
                charge.amountCaptured(), charge.currency(), status, reason, inquiry, Map.of(),
                (ObjectNode) Shapes.of("dispute").get("evidence"), details);
        store.insert(h, scope, d);
        if (!inquiry) {
            ledger.recordDisputeWithdrawal(h, scope, d.id(), charge.id(), d.currency(), d.amount());
        }
        Charge current = charges.find(h, scope, charge.id(), true).orElseThrow();
        charges.update(h, scope, new Charge(current.id(), current.livemode(), current.created(),
                current.paymentIntentId(), current.customerId(), current.paymentMethodId(), current.amount(),
                current.currency(), current.status(), current.captured(), current.amountCaptured(),
                current.amountRefunded(), current.amountReleased(), true, current.balanceTransactionId(),
                current.failureCode(), current.failureMessage(), current.metadata(), current.details()));
        ObjectNode json = render(h, scope, d);
        events.record(h, scope, "charge.dispute.created", json);
        if (!inquiry) {
            events.record(h, scope, "charge.dispute.funds_withdrawn", json);
        }
        return d;
    }

    Dispute retrieve(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, false).orElseThrow(() -> ApiErrors.resourceMissing("dispute", id, "dispute"));
    }

    Page<Dispute> list(Handle h, Scope scope, ListRequest request, String charge, String paymentIntent) {
        return store.list(h, scope, request, charge, paymentIntent);
    }

    Dispute update(Handle h, Scope scope, String id, Map<String, Patch<String>> evidence,
            Patch<Map<String, String>> metadata, boolean submit) {
        Dispute d = locked(h, scope, id);
        boolean changesEvidence = submit || evidence.values().stream().anyMatch(p -> !(p instanceof Patch.Absent));
        if (changesEvidence && !d.status().endsWith("needs_response")) {
            throw ApiErrors.disputeNotUpdatable(d.id(), d.status());
        }
        ObjectNode ev = d.evidence().deepCopy();
        evidence.forEach((field, patch) -> {
            switch (patch) {
                case Patch.Absent<String> a -> { }
                case Patch.Unset<String> u -> ev.putNull(field);
                case Patch.Set<String> s -> ev.put(field, s.value());
            }
        });
        ObjectNode details = d.evidenceDetails().deepCopy();
        boolean hasEvidence = false;
        for (String field : evidence.keySet()) {
            hasEvidence |= ev.path(field).isTextual();
        }
        details.put("has_evidence", hasEvidence);
        String status = d.status();
        if (submit) {
            details.put("submission_count", details.path("submission_count").asInt() + 1);
            details.put("submission_method", "manual");
            status = d.isInquiry() ? "warning_under_review" : "under_review";
        }
        Dispute updated = new Dispute(d.id(), d.livemode(), d.created(), d.chargeId(), d.paymentIntentId(), d.amount(),
                d.currency(), status, d.reason(), d.isChargeRefundable(), Metadata.apply(d.metadata(), metadata), ev,
                details);
        Dispute result = updated;
        if (submit) {
            String text = ev.path("uncategorized_text").asText("");
            if (text.equals(WINNING_EVIDENCE)) {
                result = decide(h, scope, updated, true);
            } else if (text.equals(LOSING_EVIDENCE)) {
                result = decide(h, scope, updated, false);
            }
        }
        store.update(h, scope, result);
        events.recordUpdate(h, scope, "charge.dispute.updated", render(h, scope, d), render(h, scope, updated));
        if (result != updated) {
            recordClosed(h, scope, result);
        }
        return result;
    }

    /** Accepts the dispute: a chargeback is lost (its money stays withdrawn), an inquiry is closed. */
    Dispute close(Handle h, Scope scope, String id) {
        Dispute d = locked(h, scope, id);
        if (!d.status().endsWith("needs_response")) {
            throw ApiErrors.disputeNotUpdatable(d.id(), d.status());
        }
        Dispute closed = withStatus(d, d.isInquiry() ? "warning_closed" : "lost");
        store.update(h, scope, closed);
        recordClosed(h, scope, closed);
        return closed;
    }

    /** {@code charge.dispute.closed}, and {@code funds_reinstated} when a chargeback was won. */
    private void recordClosed(Handle h, Scope scope, Dispute closed) {
        ObjectNode json = render(h, scope, closed);
        events.record(h, scope, "charge.dispute.closed", json);
        if (closed.status().equals("won")) {
            events.record(h, scope, "charge.dispute.funds_reinstated", json);
        }
    }

    private Dispute decide(Handle h, Scope scope, Dispute d, boolean won) {
        if (d.isInquiry()) {
            return withStatus(d, "warning_closed");
        }
        if (won) {
            ledger.recordDisputeReversal(h, scope, d.id(), d.chargeId(), d.currency(), d.amount());
        }
        return withStatus(d, won ? "won" : "lost");
    }

    private static Dispute withStatus(Dispute d, String status) {
        return new Dispute(d.id(), d.livemode(), d.created(), d.chargeId(), d.paymentIntentId(), d.amount(),
                d.currency(), status, d.reason(), d.isChargeRefundable(), d.metadata(), d.evidence(),
                d.evidenceDetails());
    }

    private Dispute locked(Handle h, Scope scope, String id) {
        return store.find(h, scope, id, true).orElseThrow(() -> ApiErrors.resourceMissing("dispute", id, "dispute"));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
