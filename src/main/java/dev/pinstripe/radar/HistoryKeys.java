package dev.pinstripe.radar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The keys a payment's history is kept under. Emails, IP addresses and billing addresses are
 * hashed, so the history table holds no personal data in clear; card fingerprints and customer
 * IDs are already opaque.
 */
public final class HistoryKeys {
    static final int HASH_HEX_CHARS = 32;

    private HistoryKeys() {}

    public static String card(PaymentSignals s) {
        return "card:" + s.cardFingerprint();
    }

    /** Null when the payment has no customer. */
    public static String customer(PaymentSignals s) {
        return s.customer() == null ? null : "customer:" + s.customer();
    }

    public static String email(PaymentSignals s) {
        return s.email() == null ? null : "email:" + hash(s.email().trim().toLowerCase(Locale.ROOT));
    }

    public static String ip(PaymentSignals s) {
        return s.ipAddress() == null ? null : "ip:" + hash(s.ipAddress());
    }

    public static String address(PaymentSignals s) {
        return s.billingAddress() == null ? null
                : "address:" + hash(s.billingAddress().trim().toLowerCase(Locale.ROOT));
    }

    /** The card's history within one value of a metadata input (its habits per merchant category, say). */
    public static String cardMetadata(PaymentSignals s, String metadataKey) {
        String value = s.metadata().get(metadataKey);
        return value == null ? null : card(s) + "|" + metadataKey + "=" + hash(value);
    }

    /** The account's history within one value of a metadata input (all its payments in a category, say). */
    public static String metadataValue(PaymentSignals s, String metadataKey) {
        String value = s.metadata().get(metadataKey);
        return value == null ? null : "metadata:" + metadataKey + "=" + hash(value);
    }

    /** The card's history within a part of the day ({@link #timeBand}); null when the time zone is unknown. */
    public static String cardTimeBand(PaymentSignals s) {
        int band = timeBand(s);
        return band < 0 ? null : card(s) + "|band=" + band;
    }

    /** The card's night-time history (band 0), whatever the payment's own part of the day; null without a zone. */
    public static String cardNight(PaymentSignals s) {
        return s.timeZone() == null ? null : card(s) + "|band=0";
    }

    /**
     * The part of the customer's day the payment falls in: 0 night (22:00-03:59), 1 morning, 2
     * afternoon, 3 evening; -1 when the time zone is unknown.
     */
    static int timeBand(PaymentSignals s) {
        if (s.timeZone() == null) {
            return -1;
        }
        int hour = java.time.Instant.ofEpochSecond(s.time()).atZone(s.timeZone()).getHour();
        return hour >= 22 || hour < 4 ? 0 : hour < 10 ? 1 : hour < 16 ? 2 : 3;
    }

    /** The card's payments of several times its average amount. */
    public static String cardHigh(PaymentSignals s) {
        return card(s) + "|high";
    }

    /** Every key of this payment, without the nulls, for {@code metadataInputs}. */
    public static List<String> all(PaymentSignals s, List<String> metadataInputs) {
        List<String> keys = new ArrayList<>(6 + metadataInputs.size());
        for (String k : new String[] {card(s), customer(s), email(s), ip(s), address(s), cardTimeBand(s)}) {
            if (k != null) {
                keys.add(k);
            }
        }
        for (String m : metadataInputs) {
            String k = cardMetadata(s, m);
            if (k != null) {
                keys.add(k);
                keys.add(metadataValue(s, m));
            }
        }
        return keys;
    }

    private static String hash(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, HASH_HEX_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
