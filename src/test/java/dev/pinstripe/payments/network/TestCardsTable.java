package dev.pinstripe.payments.network;

import dev.pinstripe.payments.network.Behaviour.AddressChecksUnavailable;
import dev.pinstripe.payments.network.Behaviour.AvailableImmediately;
import dev.pinstripe.payments.network.Behaviour.ChecksFail;
import dev.pinstripe.payments.network.Behaviour.DeclinesCharge;
import dev.pinstripe.payments.network.Behaviour.Disputed;
import dev.pinstripe.payments.network.Behaviour.EarlyFraudWarning;
import dev.pinstripe.payments.network.Behaviour.RefundsAsynchronously;
import dev.pinstripe.payments.network.Behaviour.RequiresAuthentication;
import dev.pinstripe.payments.network.Behaviour.RiskLevel;
import dev.pinstripe.payments.network.Behaviour.Succeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the catalogue as the Markdown table in docs/test-cards.md. */
final class TestCardsTable {

    private TestCardsTable() {}

    static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Description | Number | Brand | Funding | Country | Behaviour | Error: code / decline_code / message"
                + " | PaymentMethod | Token |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (TestCards.Entry entry : TestCards.entries()) {
            TestCard card = entry.card();
            sb.append("| ").append(entry.description())
                    .append(" | `").append(card.number()).append('`')
                    .append(" | ").append(card.brand())
                    .append(" | ").append(card.funding().wireValue())
                    .append(" | ").append(card.country())
                    .append(" | ").append(behaviour(card.behaviour()))
                    .append(" | ").append(decline(card.behaviour()))
                    .append(" | ").append(codes(entry.paymentMethods()))
                    .append(" | ").append(codes(entry.tokens()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String codes(List<String> ids) {
        return ids.isEmpty() ? "—" : ids.stream().map(id -> "`" + id + "`").collect(Collectors.joining("<br>"));
    }

    static String behaviour(Behaviour behaviour) {
        return switch (behaviour) {
            case Succeeds s -> "Succeeds";
            case DeclinesCharge d -> d.declinesOnAttach()
                    ? "Every charge declined; cannot be attached"
                    : "Attaches; every charge declined";
            case RequiresAuthentication a -> {
                List<String> parts = new ArrayList<>();
                if (a.evenWhenSetUp()) {
                    parts.add("3DS required on every payment, even when set up");
                } else if (a.exemptOffSession()) {
                    parts.add("3DS required on-session; every off-session payment exempt");
                } else {
                    parts.add("3DS required unless set up and off-session");
                }
                if (a.declineAfterAuthentication() != null) {
                    parts.add("then declined");
                }
                yield String.join("; ", parts);
            }
            case AvailableImmediately a -> "Succeeds; funds available immediately";
            case Disputed d -> "Succeeds; disputed: `" + d.reason() + "`, `" + d.status() + "`"
                    + (d.disputeCount() > 1 ? " (" + d.disputeCount() + " disputes)" : "");
            case EarlyFraudWarning e -> "Succeeds; early fraud warning: `" + e.fraudType() + "`";
            case RefundsAsynchronously r -> "Succeeds; refunds `" + r.initialStatus() + "` then `" + r.finalStatus() + "`";
            case RiskLevel r when r.blocked() -> "Always blocked by Radar: risk `" + r.level() + "` (" + r.score() + ")";
            case RiskLevel r when r.level().equals(CardNetwork.RISK_HIGHEST) -> "Blocked by Radar's default rule: risk `"
                    + r.level() + "` (" + r.score() + ")";
            case RiskLevel r -> "Succeeds at risk `" + r.level() + "` (" + r.score() + ")";
            case ChecksFail c -> {
                List<String> failing = new ArrayList<>();
                if (c.cvc()) {
                    failing.add("CVC check fails (declined when a CVC is given)");
                }
                if (c.line1()) {
                    failing.add("address line 1 check fails");
                }
                if (c.postalCode()) {
                    failing.add("postal code check fails");
                }
                if (c.elevatedRisk()) {
                    failing.add("risk `elevated` (" + CardNetwork.RISK_SCORE_ELEVATED + ")");
                }
                yield String.join("; ", failing);
            }
            case AddressChecksUnavailable a -> "Succeeds; address checks `unavailable`";
        };
    }

    private static String decline(Behaviour behaviour) {
        Decline decline = switch (behaviour) {
            case DeclinesCharge d -> d.decline();
            case RequiresAuthentication a -> a.declineAfterAuthentication();
            case RiskLevel r when r.blocked() || r.level().equals(CardNetwork.RISK_HIGHEST) -> Decline.BLOCKED_HIGHEST_RISK;
            case ChecksFail c when c.cvc() -> Decline.INCORRECT_CVC;
            default -> null;
        };
        if (decline == null) {
            return "—";
        }
        return "`" + decline.code() + "` / " + (decline.declineCode() == null ? "—" : "`" + decline.declineCode() + "`")
                + " / " + decline.message();
    }
}
