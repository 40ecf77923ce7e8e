package dev.pinstripe.ids;

import java.security.SecureRandom;
import org.slf4j.MDC;

/** Random identifiers in Stripe's style: a prefix and base62 characters ({@code cus_Nf2k...}). */
public final class Ids {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Length of the random part of object IDs: 14 characters, as Stripe's customers have (83 bits). */
    public static final int OBJECT_ID_LENGTH = 14;
    /** The MDC keys: the request being served, and the IDs it minted so far. */
    public static final String REQUEST_ID_KEY = "request_id";
    public static final String OBJECT_IDS_KEY = "object_ids";
    static final int LOGGED_IDS_MAX = 8;

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

    /**
     * A new object ID. While a request is being served (its {@code request_id} is in the logging
     * MDC), the ID also joins the MDC's {@code object_ids}, so every later log line of that request
     * names the objects it created (at most {@link #LOGGED_IDS_MAX}).
     */
    public static String object(String prefix) {
        String id = random(prefix, OBJECT_ID_LENGTH);
        if (MDC.get(REQUEST_ID_KEY) != null) {
            String ids = MDC.get(OBJECT_IDS_KEY);
            if (ids == null) {
                MDC.put(OBJECT_IDS_KEY, id);
            } else if (ids.chars().filter(c -> c == ',').count() < LOGGED_IDS_MAX - 1) {
                MDC.put(OBJECT_IDS_KEY, ids + "," + id);
            }
        }
        return id;
    }

    public static String requestId() {
        return random("req_", OBJECT_ID_LENGTH);
    }
}
