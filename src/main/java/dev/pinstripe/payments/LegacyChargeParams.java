package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.Metadata;
import dev.pinstripe.api.Params;
import java.util.Map;

/** Parameters of the legacy {@code POST /v1/charges}. */
record LegacyChargeParams(long amount, String currency, String source, PaymentMethodParams.CardSource.Raw card,
        String customer, boolean capture,
        String description, String receiptEmail, String statementDescriptor, String statementDescriptorSuffix,
        ObjectNode shipping, Map<String, String> metadata) {

    private static final String[] NOT_YET = {"application_fee", "application_fee_amount", "destination",
        "on_behalf_of", "radar_options", "transfer_data", "transfer_group"};

    static LegacyChargeParams parse(Params p) {
        long amount = PaymentIntentParams.amount(p, "amount");
        String currency = PaymentIntentParams.currency(p);
        PaymentIntentParams.checkAmount(amount, currency, "amount");
        p.rejectNotSupported(NOT_YET);
        String source = null;
        PaymentMethodParams.CardSource.Raw card = null;
        if (p.tree().get("source") instanceof Map<?, ?>) {
            // A card hash as the source (source[object]=card&source[number]=...), as the Charges API accepts.
            Params hash = p.requiredObject("source");
            hash.enumValue("object", java.util.List.of("card"));
            card = new PaymentMethodParams.CardSource.Raw(hash.requiredString("number", PaymentMethodParams.CARD_FIELD_MAX),
                    hash.integer("exp_month").orNull(), hash.integer("exp_year").orNull(),
                    hash.string("cvc", PaymentMethodParams.CARD_FIELD_MAX).orNull());
        } else {
            source = p.string("source", PaymentIntentParams.ID_MAX).orNull();
        }
        String customer = p.string("customer", PaymentIntentParams.ID_MAX).orNull();
        if (source == null && card == null && customer == null) {
            throw ApiErrors.chargeNeedsSource();
        }
        LegacyChargeParams params = new LegacyChargeParams(amount, currency, source, card, customer,
                p.bool("capture").orDefault(true), p.string("description", PaymentIntentParams.STRING_MAX).orNull(),
                p.string("receipt_email", 800).orNull(),
                p.string("statement_descriptor", PaymentIntentParams.DESCRIPTOR_MAX).orNull(),
                p.string("statement_descriptor_suffix", PaymentIntentParams.DESCRIPTOR_MAX).orNull(),
                PaymentIntentParams.shipping(p).orNull(), Metadata.apply(Map.of(), p.metadata()));
        p.rejectUnknown();
        return params;
    }
}
