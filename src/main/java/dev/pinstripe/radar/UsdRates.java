package dev.pinstripe.radar;

import dev.pinstripe.money.Currencies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Approximate US-dollar values of amounts, for {@code :amount_in_usd:} and the model's amount
 * features. A fixed table of reference rates (docs/radar.md), not a market feed: Radar needs the
 * size of a payment, not its settlement value. Currencies outside the table have no USD amount.
 */
public final class UsdRates {
    /** US dollars per one major unit of each currency. */
    private static final Map<String, Double> USD_PER_UNIT = Map.ofEntries(
            Map.entry("usd", 1.0), Map.entry("eur", 1.08), Map.entry("gbp", 1.27), Map.entry("cad", 0.73),
            Map.entry("aud", 0.66), Map.entry("nzd", 0.60), Map.entry("chf", 1.12), Map.entry("jpy", 0.0067),
            Map.entry("cny", 0.14), Map.entry("hkd", 0.128), Map.entry("sgd", 0.74), Map.entry("inr", 0.012),
            Map.entry("krw", 0.00074), Map.entry("sek", 0.095), Map.entry("nok", 0.094), Map.entry("dkk", 0.145),
            Map.entry("pln", 0.25), Map.entry("czk", 0.043), Map.entry("huf", 0.0028), Map.entry("mxn", 0.058),
            Map.entry("brl", 0.19), Map.entry("zar", 0.054), Map.entry("aed", 0.272), Map.entry("ils", 0.27),
            Map.entry("thb", 0.028), Map.entry("myr", 0.21), Map.entry("php", 0.018), Map.entry("idr", 0.000063),
            Map.entry("try", 0.031), Map.entry("ron", 0.22), Map.entry("bgn", 0.55));

    private UsdRates() {}

    /** The amount in US cents, or {@link PaymentSignals#UNKNOWN_AMOUNT} for a currency outside the table. */
    public static long usdCents(long minorUnits, String currency) {
        Double rate = USD_PER_UNIT.get(currency);
        if (rate == null) {
            return PaymentSignals.UNKNOWN_AMOUNT;
        }
        BigDecimal major = BigDecimal.valueOf(minorUnits).movePointLeft(Currencies.exponent(currency));
        return major.multiply(BigDecimal.valueOf(rate)).movePointRight(2).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
