package dev.pinstripe.payments.network;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Card fingerprints like Stripe's: the same card number gives the same fingerprint within an account and
 * different ones across accounts, and the number cannot be recovered from it.
 */
public final class Fingerprints {

    /** Length of a fingerprint in base62 characters, as Stripe's ({@code qpQikrTL7IyNA2rE}). */
    public static final int FINGERPRINT_LENGTH_CHARS = 16;
    /** Bytes of the HMAC taken for the fingerprint: 96 bits, more than 16 base62 characters hold. */
    private static final int DIGEST_BYTES_USED = 12;
    private static final String HMAC = "HmacSHA256";
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(BASE62.length);

    private Fingerprints() {}

    /**
     * A 16-character base62 fingerprint: HMAC-SHA256 keyed with the account's secret {@code accountKey}
     * over the card number's digits (spaces and dashes are ignored). Deterministic.
     */
    public static String of(byte[] accountKey, String digits) {
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(digits, "digits");
        if (accountKey.length == 0) {
            throw new IllegalArgumentException("the account key is empty");
        }
        String normalized = CardNumbers.stripSeparators(digits);
        if (!CardNumbers.allAsciiDigits(normalized)) {
            throw new IllegalArgumentException("a card number is digits only");
        }
        byte[] digest;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(accountKey, HMAC));
            digest = mac.doFinal(normalized.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        BigInteger value = new BigInteger(1, Arrays.copyOf(digest, DIGEST_BYTES_USED));
        char[] out = new char[FINGERPRINT_LENGTH_CHARS];
        for (int i = 0; i < out.length; i++) {
            BigInteger[] qr = value.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62[qr[1].intValue()];
            value = qr[0];
        }
        return new String(out);
    }
}
