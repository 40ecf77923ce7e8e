package dev.pinstripe.payments.network;

import java.util.Objects;
import java.util.Set;

/**
 * A card the simulated network knows: its number, Stripe's {@code brand} wire value, funding, issuing
 * country (ISO 3166-1 alpha-2) and what the network does with it. {@link #toString()} never shows the
 * full number, only the brand and last four digits.
 */
public record TestCard(String number, String brand, Funding funding, String country, Behaviour behaviour) {

    /** The {@code card.brand} values this package produces. */
    public static final Set<String> BRANDS =
            Set.of("visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay", "unknown");

    public TestCard {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(funding, "funding");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(behaviour, "behaviour");
        if (!CardNumbers.allAsciiDigits(number) || !CardNumbers.lengthInBounds(number)) {
            throw new IllegalArgumentException("a card number is " + CardNumbers.NUMBER_DIGITS_MIN + " to "
                    + CardNumbers.NUMBER_DIGITS_MAX + " digits");
        }
        if (!BRANDS.contains(brand)) {
            throw new IllegalArgumentException("unknown brand: " + brand);
        }
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be ISO 3166-1 alpha-2: " + country);
        }
    }

    /** The last four digits, as Stripe shows them in {@code card.last4}. */
    public String last4() {
        return number.substring(number.length() - 4);
    }

    /** The first six digits (the IIN/BIN). */
    public String iin() {
        return number.substring(0, 6);
    }

    /** Brand and last four only: a full card number must never reach a log. */
    @Override
    public String toString() {
        return "TestCard[" + brand + " ****" + last4() + ", funding=" + funding.wireValue() + ", country=" + country
                + ", behaviour=" + behaviour + "]";
    }
}
