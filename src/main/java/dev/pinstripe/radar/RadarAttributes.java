package dev.pinstripe.radar;

import dev.pinstripe.radar.rules.AttributeCatalog;
import dev.pinstripe.radar.rules.AttributeType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The attributes Radar's rules can name ({@code :risk_score:}, {@code :card_country:}, velocity
 * counts, ...) and their values for one payment, read from the same histories as the features and
 * before the payment is recorded: a velocity count is of earlier payments.
 */
public final class RadarAttributes {
    private static final Map<String, String> VELOCITY_KEYS = Map.of(
            "card_number", "card", "customer", "customer", "email", "email", "ip_address", "ip");

    public static final AttributeCatalog CATALOG = catalog();

    private RadarAttributes() {}

    private static AttributeCatalog catalog() {
        Map<String, AttributeType> t = new LinkedHashMap<>();
        t.put("risk_score", AttributeType.NUMBER);
        t.put("risk_level", AttributeType.STRING);
        t.put("amount_in_usd", AttributeType.NUMBER);
        t.put("currency", AttributeType.STRING);
        t.put("card_brand", AttributeType.STRING);
        t.put("card_country", AttributeType.STRING);
        t.put("card_funding", AttributeType.STRING);
        t.put("card_fingerprint", AttributeType.STRING);
        t.put("ip_address", AttributeType.STRING);
        t.put("ip_country", AttributeType.STRING);
        t.put("email", AttributeType.STRING);
        t.put("email_domain", AttributeType.STRING);
        t.put("customer", AttributeType.STRING);
        t.put("billing_address_country", AttributeType.STRING);
        t.put("is_new_card_on_customer", AttributeType.BOOLEAN);
        t.put("seconds_since_card_first_seen", AttributeType.NUMBER);
        t.put("seconds_since_email_first_seen", AttributeType.NUMBER);
        for (String subject : VELOCITY_KEYS.keySet()) {
            for (Window w : Window.values()) {
                t.put("total_charges_per_" + subject + "_" + w.suffix(), AttributeType.NUMBER);
                t.put("declined_charges_per_" + subject + "_" + w.suffix(), AttributeType.NUMBER);
            }
        }
        // Stripe compares these without regard to case; IDs and fingerprints stay exact.
        return new AttributeCatalog(t, java.util.Set.of("risk_level", "currency", "card_brand", "card_country",
                "card_funding", "ip_country", "email", "email_domain", "billing_address_country"));
    }

    /** The values of every attribute for {@code s}; unknown ones are absent. */
    static Map<String, Object> of(PaymentSignals s, Histories histories, int riskScore, String riskLevel) {
        Map<String, Object> v = new HashMap<>();
        v.put("risk_score", (long) riskScore);
        v.put("risk_level", riskLevel);
        if (s.amountUsdCents() != PaymentSignals.UNKNOWN_AMOUNT) {
            v.put("amount_in_usd", s.amountUsdCents() / 100.0);
        }
        v.put("currency", s.currency());
        put(v, "card_brand", s.cardBrand());
        put(v, "card_country", s.cardCountry());
        put(v, "card_funding", s.cardFunding());
        v.put("card_fingerprint", s.cardFingerprint());
        put(v, "ip_address", s.ipAddress());
        put(v, "ip_country", s.ipCountry());
        if (s.email() != null) {
            String email = s.email().trim().toLowerCase(Locale.ROOT);
            v.put("email", email);
            int at = email.lastIndexOf('@');
            if (at >= 0) {
                v.put("email_domain", email.substring(at + 1));
            }
        }
        put(v, "customer", s.customer());
        put(v, "billing_address_country", s.billingCountry());
        v.put("is_new_card_on_customer", s.newCardOnCustomer());
        long t = s.time();
        // Each history read once: a read copies it out of the cache.
        Map<String, KeyHistory> read = new HashMap<>();
        v.put("seconds_since_card_first_seen", Math.max(0,
                read.computeIfAbsent(HistoryKeys.card(s), histories::get).secondsSinceFirstSeen(t)));
        String emailKey = HistoryKeys.email(s);
        if (emailKey != null) {
            v.put("seconds_since_email_first_seen", Math.max(0,
                    read.computeIfAbsent(emailKey, histories::get).secondsSinceFirstSeen(t)));
        }
        Map<String, String> keys = new HashMap<>();
        keys.put("card", HistoryKeys.card(s));
        keys.put("customer", HistoryKeys.customer(s));
        keys.put("email", HistoryKeys.email(s));
        keys.put("ip", HistoryKeys.ip(s));
        VELOCITY_KEYS.forEach((subject, kind) -> {
            String key = keys.get(kind);
            if (key == null) {
                return;
            }
            KeyHistory h = read.computeIfAbsent(key, histories::get);
            for (Window w : Window.values()) {
                v.put("total_charges_per_" + subject + "_" + w.suffix(), (long) h.count(w, t));
                v.put("declined_charges_per_" + subject + "_" + w.suffix(), (long) h.declines(w, t));
            }
        });
        return v;
    }

    /**
     * The attributes as kept for backtests: without the velocity counts that are zero, which most
     * payments mostly have, so the stored row stays small.
     */
    static Map<String, Object> compact(Map<String, Object> attributes) {
        Map<String, Object> kept = new HashMap<>(attributes);
        kept.entrySet().removeIf(e -> isVelocity(e.getKey()) && e.getValue() instanceof Number n && n.longValue() == 0);
        return kept;
    }

    /** Kept attributes back as {@link #of} gave them: the velocity counts of the payment's subjects default to 0. */
    static Map<String, Object> restore(Map<String, Object> kept) {
        Map<String, Object> v = new HashMap<>(kept);
        Map<String, String> presence = Map.of("card_number", "card_fingerprint", "customer", "customer",
                "email", "email", "ip_address", "ip_address");
        presence.forEach((subject, attribute) -> {
            if (v.get(attribute) != null) {
                for (Window w : Window.values()) {
                    v.putIfAbsent("total_charges_per_" + subject + "_" + w.suffix(), 0L);
                    v.putIfAbsent("declined_charges_per_" + subject + "_" + w.suffix(), 0L);
                }
            }
        });
        return v;
    }

    private static boolean isVelocity(String name) {
        return name.startsWith("total_charges_per_") || name.startsWith("declined_charges_per_");
    }

    private static void put(Map<String, Object> v, String name, String value) {
        if (value != null) {
            v.put(name, value);
        }
    }
}
