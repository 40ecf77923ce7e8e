package dev.pinstripe.money;

import java.util.Map;
import java.util.Set;

/**
 * The currencies Pinstripe accepts (Stripe's list for card payments), their ISO 4217 exponents, and
 * Stripe's minimum and maximum charge amounts. Amounts are always {@code long} minor units.
 */
public final class Currencies {
    /** Stripe's largest charge amount for every currency: eight digits of minor units ($999,999.99). */
    public static final long AMOUNT_MAX = 99_999_999L;
    /** The minimum, in minor units, for currencies Stripe lists no minimum for (Pinstripe does no FX). */
    static final long MINIMUM_DEFAULT = 50;

    private static final Set<String> SUPPORTED = Set.of(
            "usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn",
            "bhd", "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny",
            "cop", "crc", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel",
            "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "jod",
            "jpy", "kes", "kgs", "khr", "kmf", "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad",
            "mdl", "mga", "mkd", "mmk", "mnt", "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio",
            "nok", "npr", "nzd", "omr", "pab", "pen", "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub",
            "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp", "sle", "sos", "srd", "std", "szl", "thb", "tjs", "tnd",
            "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "uyu", "uzs", "vnd", "vuv", "wst", "xaf", "xcd", "xof",
            "xpf", "yer", "zar", "zmw");

    /** Stripe's zero-decimal currencies: amounts are whole units. */
    private static final Set<String> ZERO_DECIMAL = Set.of(
            "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    /** Stripe's three-decimal currencies. */
    private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");

    /** Stripe's published minimum charge amounts, in minor units. */
    private static final Map<String, Long> MINIMUMS = Map.ofEntries(
            Map.entry("usd", 50L), Map.entry("aed", 200L), Map.entry("aud", 50L), Map.entry("bgn", 100L),
            Map.entry("brl", 50L), Map.entry("cad", 50L), Map.entry("chf", 50L), Map.entry("czk", 1500L),
            Map.entry("dkk", 250L), Map.entry("eur", 50L), Map.entry("gbp", 30L), Map.entry("hkd", 400L),
            Map.entry("huf", 17500L), Map.entry("inr", 50L), Map.entry("jpy", 50L), Map.entry("mxn", 1000L),
            Map.entry("myr", 200L), Map.entry("nok", 300L), Map.entry("nzd", 50L), Map.entry("pln", 200L),
            Map.entry("ron", 200L), Map.entry("sek", 300L), Map.entry("sgd", 50L), Map.entry("thb", 1000L));

    private static final Map<String, String> SYMBOLS = Map.of(
            "usd", "$", "eur", "€", "gbp", "£", "jpy", "¥", "aud", "$", "cad", "$", "nzd", "$", "sgd", "$",
            "hkd", "$", "inr", "₹");

    private Currencies() {}

    public static boolean isSupported(String currency) {
        return SUPPORTED.contains(currency);
    }

    /** The supported currencies in Stripe's order of listing (usd first, then alphabetical). */
    public static String supportedList() {
        return "usd, " + String.join(", ", SUPPORTED.stream().filter(c -> !c.equals("usd")).sorted().toList());
    }

    /** ISO 4217 minor-unit exponent as Stripe uses it: 0, 2 or 3. */
    public static int exponent(String currency) {
        if (ZERO_DECIMAL.contains(currency)) {
            return 0;
        }
        return THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    public static long minimumChargeAmount(String currency) {
        return MINIMUMS.getOrDefault(currency, MINIMUM_DEFAULT);
    }

    /** An amount as Stripe writes it in messages: {@code $0.50 usd}, {@code ¥50 jpy}. */
    public static String display(long minorUnits, String currency) {
        return SYMBOLS.getOrDefault(currency, "") + major(minorUnits, currency) + " " + currency;
    }

    /** The maximum as Stripe words it: {@code $999,999.99}. */
    public static String displayMaximum(String currency) {
        int exponent = exponent(currency);
        long whole = AMOUNT_MAX / pow10(exponent);
        String wholeText = String.format(java.util.Locale.ROOT, "%,d", whole);
        String fraction = exponent == 0 ? "" : "." + "9".repeat(exponent);
        return SYMBOLS.getOrDefault(currency, "") + wholeText + fraction;
    }

    static String major(long minorUnits, String currency) {
        int exponent = exponent(currency);
        if (exponent == 0) {
            return Long.toString(minorUnits);
        }
        long unit = pow10(exponent);
        String sign = minorUnits < 0 ? "-" : "";
        long abs = Math.abs(minorUnits);
        return sign + abs / unit + "." + String.format(java.util.Locale.ROOT, "%0" + exponent + "d", abs % unit);
    }

    private static long pow10(int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= 10;
        }
        return p;
    }
}
