package dev.pinstripe.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import java.util.List;
import java.util.TreeMap;

/** The customer object as Stripe's API shows it (current API version; see docs/compatibility.md). */
final class CustomerJson {
    private CustomerJson() {}

    static ObjectNode render(Customer c) {
        if (c.deleted()) {
            return deleted(c.id());
        }
        ObjectNode o = Json.object(c.id(), "customer");
        o.set("address", address(c.address()));
        o.put("balance", 0L);
        o.put("business_name", c.businessName());
        o.put("created", c.created());
        o.putNull("currency");
        o.putNull("customer_account");
        o.putNull("default_source");
        o.put("delinquent", false);
        o.put("description", c.description());
        o.putNull("discount");
        o.put("email", c.email());
        o.put("individual_name", c.individualName());
        o.put("invoice_prefix", c.invoicePrefix());
        o.set("invoice_settings", invoiceSettings(c.invoiceSettings()));
        o.put("livemode", c.livemode());
        o.set("metadata", Json.map(new TreeMap<>(c.metadata())));
        o.put("name", c.name());
        o.put("next_invoice_sequence", c.nextInvoiceSequence());
        o.put("phone", c.phone());
        var locales = o.putArray("preferred_locales");
        c.preferredLocales().forEach(locales::add);
        o.set("shipping", shipping(c.shipping()));
        o.put("tax_exempt", c.taxExempt());
        o.putNull("test_clock");
        return o;
    }

    static ObjectNode deleted(String id) {
        ObjectNode o = Json.object(id, "customer");
        o.put("deleted", true);
        return o;
    }

    static ObjectNode address(Customer.Address a) {
        if (a == null) {
            return null;
        }
        ObjectNode o = Json.object();
        o.put("city", a.city());
        o.put("country", a.country());
        o.put("line1", a.line1());
        o.put("line2", a.line2());
        o.put("postal_code", a.postalCode());
        o.put("state", a.state());
        return o;
    }

    static ObjectNode shipping(Customer.Shipping s) {
        if (s == null) {
            return null;
        }
        ObjectNode o = Json.object();
        o.set("address", address(s.address()));
        o.putNull("carrier");
        o.put("name", s.name());
        o.put("phone", s.phone());
        o.putNull("tracking_number");
        return o;
    }

    static ObjectNode invoiceSettings(Customer.InvoiceSettings s) {
        ObjectNode o = Json.object();
        List<Customer.CustomField> fields = s.customFields();
        if (fields == null) {
            o.putNull("custom_fields");
        } else {
            var array = o.putArray("custom_fields");
            for (Customer.CustomField f : fields) {
                array.addObject().put("name", f.name()).put("value", f.value());
            }
        }
        o.put("default_payment_method", s.defaultPaymentMethod());
        o.put("footer", s.footer());
        if (s.renderingOptions() == null) {
            o.putNull("rendering_options");
        } else {
            o.putObject("rendering_options")
                    .put("amount_tax_display", s.renderingOptions().amountTaxDisplay())
                    .put("template", s.renderingOptions().template());
        }
        return o;
    }

    /** An empty list object, for includable lists whose resources do not exist yet. */
    static ObjectNode emptyList(String url) {
        ObjectNode o = Json.object();
        o.put("object", "list");
        o.putArray("data");
        o.put("has_more", false);
        o.put("total_count", 0);
        o.put("url", url);
        return o;
    }
}
