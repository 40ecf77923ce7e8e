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

    private TestFields() {}
}
