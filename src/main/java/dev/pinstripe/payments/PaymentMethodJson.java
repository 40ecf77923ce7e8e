package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Shapes;

/** The API shape of a card payment method. */
final class PaymentMethodJson {
    private PaymentMethodJson() {}

    static ObjectNode render(PaymentMethod pm) {
        ObjectNode o = Shapes.of("payment_method");
        o.put("id", pm.id());
        o.put("allow_redisplay", pm.allowRedisplay());
        o.set("billing_details", pm.billingDetails());
        ObjectNode card = (ObjectNode) o.get("card");
        fillCard(card, pm.card());
        o.put("created", pm.created());
        putNullable(o, "customer", pm.customerId());
        o.put("livemode", pm.livemode());
        o.set("metadata", Json.map(pm.metadata()));
        o.put("type", "card");
        return o;
    }

    /** The card fields shared by payment_method.card and charge.payment_method_details.card. */
    static void fillCard(ObjectNode card, PaymentMethod.Card c) {
        card.put("brand", c.brand());
        ObjectNode checks = card.putObject("checks");
        PaymentMethod.Checks k = c.checks() == null ? PaymentMethod.Checks.NONE : c.checks();
        putNullable(checks, "address_line1_check", k.addressLine1Check());
        putNullable(checks, "address_postal_code_check", k.addressPostalCodeCheck());
        putNullable(checks, "cvc_check", k.cvcCheck());
        putNullable(card, "country", c.country());
        if (card.has("display_brand")) {
            card.put("display_brand", displayBrand(c.brand()));
        }
        card.put("exp_month", c.expMonth());
        card.put("exp_year", c.expYear());
        card.put("fingerprint", c.fingerprint());
        card.put("funding", c.funding());
        card.put("last4", c.last4());
        if (card.has("networks")) {
            ObjectNode networks = Json.object();
            networks.putArray("available").add(c.brand());
            networks.putNull("preferred");
            card.set("networks", networks);
        }
    }

    static String displayBrand(String brand) {
        return switch (brand) {
            case "amex" -> "american_express";
            case "diners" -> "diners_club";
            default -> brand;
        };
    }

    static void putNullable(ObjectNode o, String field, String value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
