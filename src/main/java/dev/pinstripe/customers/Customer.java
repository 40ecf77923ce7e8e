package dev.pinstripe.customers;

import java.util.List;
import java.util.Map;

/** A customer as stored. Money fields (balance, cash balance) arrive with the ledger and billing. */
public record Customer(
        String id,
        boolean livemode,
        long created,
        String email,
        String name,
        String phone,
        String description,
        String businessName,
        String individualName,
        Address address,
        Shipping shipping,
        InvoiceSettings invoiceSettings,
        String invoicePrefix,
        long nextInvoiceSequence,
        List<String> preferredLocales,
        String taxExempt,
        Map<String, String> metadata,
        Long deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Stripe's address: every line optional. */
    public record Address(String city, String country, String line1, String line2, String postalCode, String state) {}

    /** Shipping details: name and address required. */
    public record Shipping(Address address, String name, String phone) {}

    public record CustomField(String name, String value) {}

    public record RenderingOptions(String amountTaxDisplay, String template) {}

    /** Invoice defaults. {@code customFields} and {@code renderingOptions} are null when unset. */
    public record InvoiceSettings(List<CustomField> customFields, String defaultPaymentMethod, String footer,
            RenderingOptions renderingOptions) {
        public static final InvoiceSettings EMPTY = new InvoiceSettings(null, null, null, null);
    }
}
