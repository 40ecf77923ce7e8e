package dev.pinstripe.search;

/** Field specifications shaped like Stripe's, shared by the tests. */
final class TestFields {

    /** Stripe's query fields for customers. */
    static final SearchFields CUSTOMERS = SearchFields.builder("customers")
            .text("email")
            .text("name")
            .text("phone")
            .timestamp("created")
            .metadata()
            .build();

    static final SqlColumns CUSTOMER_COLUMNS = SqlColumns.builder()
            .column("email", "email")
            .column("name", "name")
            .column("phone", "phone")
            .column("created", "created")
            .metadata("metadata")
            .build();

    /** Stripe's query fields for payment intents, plus a dotted token field as charges have. */
    static final SearchFields PAYMENT_INTENTS = SearchFields.builder("payment_intents")
            .number("amount")
            .timestamp("created")
            .token("currency")
            .token("customer")
            .token("status")
            .token("payment_method_details.card.last4")
            .metadata()
            .build();

    /**
     * Stripe's query fields for charges (with the card source only): booleans, a derived boolean
     * that may be NULL, and fields inside a jsonb column.
     */
    static final SearchFields CHARGES = SearchFields.builder("charges")
            .number("amount")
            .token("billing_details.address.postal_code")
            .timestamp("created")
            .bool("disputed")
            .bool("refunded")
            .token("payment_method_details.card.last4")
            .token("payment_method_details.card.exp_month")
            .token("payment_method_details.card_present.last4")
            .token("status")
            .metadata()
            .build();

    static final SqlColumns CHARGE_COLUMNS = SqlColumns.builder()
            .column("amount", "amount")
            .jsonText("billing_details.address.postal_code", "details", "billing_details", "address", "postal_code")
            .column("created", "created")
            .column("disputed", "disputed")
            .column("refunded", "CASE WHEN amount_refunded = 0 THEN NULL ELSE amount_refunded = amount END")
            .jsonText("payment_method_details.card.last4", "details", "payment_method_details", "last4")
            .jsonText("payment_method_details.card.exp_month", "details", "payment_method_details", "exp_month")
            .absent("payment_method_details.card_present.last4", FieldType.TOKEN)
            .column("status", "status")
            .metadata("metadata")
            .build();

    private TestFields() {}
}
