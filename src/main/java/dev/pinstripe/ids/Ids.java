package dev.pinstripe.ids;

import java.security.SecureRandom;

/** Random identifiers in Stripe's style: a prefix and base62 characters ({@code cus_Nf2k...}). */
public final class Ids {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Length of the random part of object IDs: 14 characters, as Stripe's customers have (83 bits). */
    public static final int OBJECT_ID_LENGTH = 14;

    private Ids() {}

    public static String random(String prefix, int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
        for (byte b : bytes) {
            // 62 does not divide 256; the bias (a few characters at most 1/256 likelier) is harmless
            // for identifiers. Secrets use secret(), which rejects the biased values.
            sb.append(BASE62[(b & 0xff) % 62]);
        }
        return sb.toString();
    }

    /** An unbiased random string for secrets (API keys, client secrets). */
    public static String secret(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
        byte[] one = new byte[1];
        while (sb.length() < prefix.length() + length) {
            RANDOM.nextBytes(one);
            int v = one[0] & 0xff;
            if (v < 248) { // 248 = 4 * 62: values below are uniform modulo 62
                sb.append(BASE62[v % 62]);
            }
        }
        return sb.toString();
    }

    public static String object(String prefix) {
        return random(prefix, OBJECT_ID_LENGTH);
    }

    public static String requestId() {
        return random("req_", OBJECT_ID_LENGTH);
    }
}
