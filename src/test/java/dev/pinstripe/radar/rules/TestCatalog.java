package dev.pinstripe.radar.rules;

import static dev.pinstripe.radar.rules.AttributeType.BOOLEAN;
import static dev.pinstripe.radar.rules.AttributeType.NUMBER;
import static dev.pinstripe.radar.rules.AttributeType.STRING;

import java.util.Map;
import java.util.Set;

/** Some of Stripe's supported attributes, typed as Stripe documents them, for the tests. */
final class TestCatalog {

    static final AttributeCatalog CATALOG = new AttributeCatalog(Map.ofEntries(
            Map.entry("risk_level", STRING),
            Map.entry("risk_score", NUMBER),
            Map.entry("amount_in_usd", NUMBER),
            Map.entry("amount_in_gbp", NUMBER),
            Map.entry("amount_in_eur", NUMBER),
            Map.entry("amount_in_cad", NUMBER),
            Map.entry("card_country", STRING),
            Map.entry("ip_country", STRING),
            Map.entry("ip_state", STRING),
            Map.entry("ip_address", STRING),
            Map.entry("card_brand", STRING),
            Map.entry("card_funding", STRING),
            Map.entry("card_fingerprint", STRING),
            Map.entry("email", STRING),
            Map.entry("email_domain", STRING),
            Map.entry("cvc_check", STRING),
            Map.entry("address_line1_check", STRING),
            Map.entry("address_zip_check", STRING),
            Map.entry("total_charges_per_card_number_hourly", NUMBER),
            Map.entry("charge_attempts_per_ip_address_hourly", NUMBER),
            Map.entry("seconds_since_email_first_seen", NUMBER),
            Map.entry("is_new_card_on_customer", BOOLEAN),
            Map.entry("is_anonymous_ip", BOOLEAN),
            Map.entry("is_disposable_email", BOOLEAN),
            Map.entry("is_3d_secure", BOOLEAN),
            Map.entry("is_3d_secure_authenticated", BOOLEAN)),
            // Stripe documents these as case insensitive; card_fingerprint is case sensitive.
            Set.of("risk_level", "card_country", "ip_country", "ip_state", "card_brand", "card_funding", "email",
                    "email_domain", "cvc_check", "address_line1_check", "address_zip_check"));

    static final RuleParser PARSER = new RuleParser(CATALOG);

    private TestCatalog() {}

    static Rule parse(String source) throws RuleSyntaxException {
        return PARSER.parse(source);
    }
}
