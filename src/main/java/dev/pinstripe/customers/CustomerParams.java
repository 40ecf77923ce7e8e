package dev.pinstripe.customers;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of customer create and update, parsed and validated before anything executes.
 * Every field is a {@link Patch}: on create, absent and unset both mean "no value".
 */
record CustomerParams(
        Patch<String> email,
        Patch<String> name,
        Patch<String> phone,
        Patch<String> description,
        Patch<String> businessName,
        Patch<String> individualName,
        Patch<Customer.Address> address,
        Patch<Customer.Shipping> shipping,
        InvoiceSettingsPatch invoiceSettings,
        Patch<String> invoicePrefix,
        Patch<Long> nextInvoiceSequence,
        Patch<List<String>> preferredLocales,
        Patch<String> taxExempt,
        Patch<Map<String, String>> metadata) {

    static final int STRING_MAX = 5000;
    static final Set<String> TAX_EXEMPT = Set.of("exempt", "none", "reverse");
    static final List<String> TAX_EXEMPT_SHOWN = List.of("exempt", "none", "reverse");
    static final List<String> AMOUNT_TAX_DISPLAY = List.of("exclude_tax", "include_inclusive_tax");
    static final int CUSTOM_FIELDS_MAX = 4;
    static final int PREFERRED_LOCALES_MAX = 20;
    private static final Pattern INVOICE_PREFIX = Pattern.compile("^[A-Z0-9]{3,12}$");

    /** Stripe parameters that belong to capabilities Pinstripe does not have yet. */
    private static final String[] NOT_YET_ON_CREATE = {"balance", "cash_balance", "coupon", "promotion_code",
        "payment_method", "source", "tax", "tax_id_data", "test_clock", "validate"};
    private static final String[] NOT_YET_ON_UPDATE = {"balance", "cash_balance", "coupon", "promotion_code",
        "source", "tax", "default_source", "bank_account", "card", "default_alipay_account", "default_bank_account",
        "default_card", "validate"};

    record InvoiceSettingsPatch(Patch<List<Customer.CustomField>> customFields, Patch<String> footer,
            Patch<Customer.RenderingOptions> renderingOptions) {
        static final InvoiceSettingsPatch NONE = new InvoiceSettingsPatch(Patch.absent(), Patch.absent(), Patch.absent());

        Customer.InvoiceSettings applyTo(Customer.InvoiceSettings current) {
            return new Customer.InvoiceSettings(customFields.applyTo(current.customFields()),
                    current.defaultPaymentMethod(), footer.applyTo(current.footer()),
                    renderingOptions.applyTo(current.renderingOptions()));
        }
    }

    static CustomerParams forCreate(Params p) {
        p.rejectNotSupported(NOT_YET_ON_CREATE);
        return parse(p);
    }

    static CustomerParams forUpdate(Params p) {
        p.rejectNotSupported(NOT_YET_ON_UPDATE);
        return parse(p);
    }

    private static CustomerParams parse(Params p) {
        Patch<String> invoicePrefix = p.string("invoice_prefix", STRING_MAX);
        if (invoicePrefix instanceof Patch.Set<String> s && !INVOICE_PREFIX.matcher(s.value()).matches()) {
            throw ApiErrors.invalidValue(p.nameOf("invoice_prefix"), "Invalid invoice_prefix: " + s.value()
                    + ". The prefix must be 3-12 uppercase letters or numbers.");
        }
        Patch<Long> nextInvoiceSequence = p.integer("next_invoice_sequence");
        if (nextInvoiceSequence instanceof Patch.Set<Long> n && n.value() < 1) {
            throw ApiErrors.invalidValue(p.nameOf("next_invoice_sequence"),
                    "Invalid next_invoice_sequence: must be at least 1.");
        }
        Patch<String> taxExempt = p.string("tax_exempt", STRING_MAX);
        if (taxExempt instanceof Patch.Set<String> t && !TAX_EXEMPT.contains(t.value())) {
            throw ApiErrors.invalidEnum(p.nameOf("tax_exempt"), t.value(), TAX_EXEMPT_SHOWN);
        }
        CustomerParams params = new CustomerParams(
                p.string("email", 512),
                p.string("name", 256),
                p.string("phone", 20),
                p.string("description", STRING_MAX),
                p.string("business_name", 150),
                p.string("individual_name", 150),
                p.object("address").map(CustomerParams::address),
                p.object("shipping").map(CustomerParams::shipping),
                invoiceSettings(p),
                invoicePrefix,
                nextInvoiceSequence,
                p.stringList("preferred_locales", STRING_MAX, PREFERRED_LOCALES_MAX),
                taxExempt,
                p.metadata());
        p.rejectUnknown();
        return params;
    }

    static Customer.Address address(Params a) {
        return new Customer.Address(
                a.string("city", STRING_MAX).orNull(),
                a.string("country", STRING_MAX).orNull(),
                a.string("line1", STRING_MAX).orNull(),
                a.string("line2", STRING_MAX).orNull(),
                a.string("postal_code", STRING_MAX).orNull(),
                a.string("state", STRING_MAX).orNull());
    }

    static Customer.Shipping shipping(Params s) {
        Customer.Address address = address(s.requiredObject("address"));
        String name = s.requiredString("name", STRING_MAX);
        return new Customer.Shipping(address, name, s.string("phone", STRING_MAX).orNull());
    }

    private static InvoiceSettingsPatch invoiceSettings(Params p) {
        Patch<Params> raw = p.object("invoice_settings");
        if (!(raw instanceof Patch.Set<Params> set)) {
            if (raw instanceof Patch.Unset<Params>) {
                throw ApiErrors.invalidHash(p.nameOf("invoice_settings"));
            }
            return InvoiceSettingsPatch.NONE;
        }
        Params s = set.value();
        s.rejectNotSupported("default_payment_method");
        Patch<List<Customer.CustomField>> customFields = customFields(s);
        Patch<String> footer = s.string("footer", STRING_MAX);
        Patch<Customer.RenderingOptions> renderingOptions = s.object("rendering_options").map(r -> {
            Patch<String> display = r.string("amount_tax_display", STRING_MAX);
            if (display instanceof Patch.Set<String> d && !AMOUNT_TAX_DISPLAY.contains(d.value())) {
                throw ApiErrors.invalidEnum(r.nameOf("amount_tax_display"), d.value(), AMOUNT_TAX_DISPLAY);
            }
            return new Customer.RenderingOptions(display.orNull(), r.string("template", STRING_MAX).orNull());
        });
        return new InvoiceSettingsPatch(customFields, footer, renderingOptions);
    }

    private static Patch<List<Customer.CustomField>> customFields(Params s) {
        return s.objectList("custom_fields", CUSTOM_FIELDS_MAX).map(fields -> {
            List<Customer.CustomField> out = new ArrayList<>(fields.size());
            for (Params field : fields) {
                out.add(new Customer.CustomField(field.requiredString("name", 40), field.requiredString("value", 140)));
            }
            return out;
        });
    }
}
