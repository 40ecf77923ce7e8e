package dev.pinstripe.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, where
 * the key is the endpoint secret's UTF-8 bytes, {@code whsec_} prefix included, and the message is
 * {@code t + "." + payload}. While a rolled secret's previous value is still valid, the header
 * carries one {@code v1=} per secret, current first, so receivers holding either secret verify it.
 */
public final class WebhookSignature {
    public static final String HEADER = "Stripe-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value for a payload signed at {@code timestampSeconds} with each secret, in order. */
    public static String header(long timestampSeconds, String payload, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs at least one signing secret");
        }
        String message = timestampSeconds + "." + payload;
        StringBuilder header = new StringBuilder("t=").append(timestampSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(hmacHex(secret, message));
        }
        return header.toString();
    }

    /**
     * The secrets an endpoint signs with now: its current secret, then its previous one while
     * {@code previousExpiresAtSeconds} is in the future.
     */
    public static List<String> signingSecrets(String secret, String previousSecret, Long previousExpiresAtSeconds,
            long nowSeconds) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousExpiresAtSeconds != null && previousExpiresAtSeconds > nowSeconds) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform has HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException(e);
        }
    }
}
