package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.List;
import java.util.Map;

/** Parameters of payment method create and update, validated before anything executes. */
record PaymentMethodParams(CardSource card, BillingDetails.Update billingDetails, Patch<String> allowRedisplay,
        Patch<Map<String, String>> metadata, Patch<Long> expMonth, Patch<Long> expYear) {
    static final List<String> ALLOW_REDISPLAY = List.of("always", "limited", "unspecified");
    static final int CARD_FIELD_MAX = 64;
    private static final String[] NOT_YET = {"customer", "payment_method", "radar_options"};

    /** Where a new card comes from: raw details (test mode accepts them, as Stripe's does) or a token. */
    sealed interface CardSource {
        record Raw(String number, Long expMonth, Long expYear, String cvc) implements CardSource {
            @Override
            public String toString() {
                return "Raw[number=<redacted>]";
            }
        }

        record Token(String token) implements CardSource {}
    }

    static PaymentMethodParams forCreate(Params p) {
        String type = p.requiredString("type", 64);
        if (!type.equals("card")) {
            throw ApiErrors.paymentMethodTypeNotSupported(type);
        }
        p.rejectNotSupported(NOT_YET);
        Params card = p.object("card").orNull();
        if (card == null) {
            throw ApiErrors.paymentMethodCardMissing();
        }
        CardSource source;
        String token = card.string("token", 255).orNull();
        if (token != null) {
            source = new CardSource.Token(token);
        } else {
            source = new CardSource.Raw(card.requiredString("number", CARD_FIELD_MAX),
                    card.integer("exp_month").orNull(), card.integer("exp_year").orNull(),
                    card.string("cvc", CARD_FIELD_MAX).orNull());
        }
        PaymentMethodParams params = new PaymentMethodParams(source, BillingDetails.parse(p.object("billing_details")),
                p.enumValue("allow_redisplay", ALLOW_REDISPLAY), p.metadata(), Patch.absent(), Patch.absent());
        p.rejectUnknown();
        return params;
    }

    static PaymentMethodParams forUpdate(Params p) {
        Patch<Params> card = p.object("card");
        Patch<Long> month = Patch.absent();
        Patch<Long> year = Patch.absent();
        if (card instanceof Patch.Set<Params> c) {
            month = c.value().integer("exp_month");
            year = c.value().integer("exp_year");
            c.value().rejectNotSupported("networks");
        }
        PaymentMethodParams params = new PaymentMethodParams(null, BillingDetails.parse(p.object("billing_details")),
                p.enumValue("allow_redisplay", ALLOW_REDISPLAY), p.metadata(), month, year);
        p.rejectNotSupported("link", "us_bank_account", "payto");
        p.rejectUnknown();
        return params;
    }

    ObjectNode billing(ObjectNode current) {
        return billingDetails.applyTo(current);
    }
}
