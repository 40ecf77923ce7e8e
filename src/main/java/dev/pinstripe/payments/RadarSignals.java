package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.RequestOrigin;
import dev.pinstripe.api.Scope;
import dev.pinstripe.customers.CustomerService;
import dev.pinstripe.payments.network.Authorization;
import dev.pinstripe.payments.network.Behaviour;
import dev.pinstripe.payments.network.CardNetwork;
import dev.pinstripe.payments.network.Decline;
import dev.pinstripe.payments.network.Outcome;
import dev.pinstripe.payments.network.TestCard;
import dev.pinstripe.radar.Assessment;
import dev.pinstripe.radar.PaymentSignals;
import dev.pinstripe.radar.Radar;
import dev.pinstripe.radar.UsdRates;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;

/**
 * Between payments and Radar: the signals of a payment attempt, the risk Stripe's test cards force,
 * and how Radar's assessment shows in the network's answer ({@code outcome}).
 */
final class RadarSignals {
    /** Customer metadata key holding an IANA time zone, for the time of day. */
    static final String TIME_ZONE_METADATA = "time_zone";
    /** Stripe's seller message for a payment placed in review. */
    static final String REVIEW_MESSAGE = "Stripe evaluated this payment as having elevated risk, and placed it in"
            + " your manual review queue.";
    /** A payment blocked by one of the account's rules. */
    static final Decline BLOCKED_BY_RULE = new Decline("card_declined", "fraudulent", "Your card was declined.",
            "not_sent_to_network", "blocked", "rule", "Stripe blocked this payment because it matched one of your"
                    + " Radar rules.");

    private RadarSignals() {}

    static PaymentSignals of(Handle h, Scope scope, long now, PaymentIntent pi, PaymentMethod pm, TestCard card,
            CustomerService customers, Radar radar) {
        JsonNode billing = pm.billingDetails();
        JsonNode address = billing == null ? null : billing.path("address");
        String email = text(billing, "email");
        if (email == null) {
            email = pi.details().receiptEmail();
        }
        if (email == null && pi.customerId() != null) {
            email = customers.email(h, scope, pi.customerId());
        }
        String billingAddress = null;
        if (address != null && text(address, "line1") != null) {
            billingAddress = String.join("|", nz(text(address, "line1")), nz(text(address, "line2")),
                    nz(text(address, "city")), nz(text(address, "state")), nz(text(address, "postal_code")),
                    nz(text(address, "country")));
        }
        ZoneId zone = null;
        String zoneName = pi.metadata().get(TIME_ZONE_METADATA);
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                zone = null; // not a zone: the account's default applies
            }
        }
        boolean newCardOnCustomer = pi.customerId() != null && !pi.customerId().equals(pm.customerId());
        String ip = RequestOrigin.of(h).clientIp();
        return new PaymentSignals(now, pi.amount(), pi.currency(), UsdRates.usdCents(pi.amount(), pi.currency()),
                pm.card().fingerprint(), pm.card().brand(), pm.card().funding(), pm.card().country(), pi.customerId(),
                email, ip, radar.ipCountry(ip), billingAddress,
                address == null ? null : text(address, "country"), null, null, zone, pi.metadata(), newCardOnCustomer);
    }

    /**
     * The risk a test card forces: Stripe's risk-level cards, and the elevated-risk check failures.
     * Other documented test cards score a fixed normal risk, as in Stripe's test mode, so that test
     * payments never depend on the model; only other card numbers are scored by it.
     */
    static Radar.Forced forced(PaymentMethod pm, TestCard card) {
        return switch (card.behaviour()) {
            case Behaviour.RiskLevel r -> new Radar.Forced(r.level(), r.score(), r.blocked());
            case Behaviour.ChecksFail c when c.elevatedRisk() ->
                    new Radar.Forced(CardNetwork.RISK_ELEVATED, CardNetwork.RISK_SCORE_ELEVATED, false);
            default -> pm.networkProfile().equals(CardProfiles.GENERIC) ? null
                    : new Radar.Forced(CardNetwork.RISK_NORMAL, CardNetwork.normalRiskScore(card), false);
        };
    }

    /** The decline of a payment Radar blocked. */
    static Authorization blocked(Assessment risk) {
        Decline d = Radar.REASON_RULE.equals(risk.reason()) ? BLOCKED_BY_RULE : Decline.BLOCKED_HIGHEST_RISK;
        return new Authorization.Declined(d, Outcome.declined(d, risk.riskLevel(), risk.riskScore()));
    }

    /** The network's answer with Radar's risk in its outcome, and a review's type and reason. */
    static Authorization withRisk(Authorization answer, Assessment risk) {
        return switch (answer) {
            case Authorization.Approved a when risk.verdict() == Assessment.Verdict.REVIEW ->
                    new Authorization.Approved(new Outcome(a.outcome().networkStatus(), risk.reason(),
                            risk.riskLevel(), risk.riskScore(), REVIEW_MESSAGE, "manual_review"));
            // An allow rule names itself (reason "rule"), as Stripe shows payments authorized by custom rules.
            case Authorization.Approved a -> new Authorization.Approved(new Outcome(a.outcome().networkStatus(),
                    risk.reason() != null ? risk.reason() : a.outcome().reason(), risk.riskLevel(), risk.riskScore(),
                    a.outcome().sellerMessage(), a.outcome().type()));
            case Authorization.Declined d -> new Authorization.Declined(d.decline(), new Outcome(
                    d.outcome().networkStatus(), d.outcome().reason(), risk.riskLevel(), risk.riskScore(),
                    d.outcome().sellerMessage(), d.outcome().type()));
            case Authorization.AuthenticationRequired r -> r;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
