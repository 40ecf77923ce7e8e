package dev.pinstripe.accounts;

import dev.pinstripe.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/** The shape, hashing and display of API keys. */
public final class ApiKeys {
    /** Random characters after the prefix: 48 base62 characters, about 285 bits. */
    public static final int SECRET_LENGTH = 48;
    public static final int KEY_LENGTH_MAX = 255;
    private static final Pattern SHAPE = Pattern.compile("^(sk|pk|rk)_(test|live)_[A-Za-z0-9_]{1,240}$");

    private ApiKeys() {}

    public enum Kind {
        SECRET("secret", "sk"), PUBLISHABLE("publishable", "pk");

        public final String dbName;
        public final String prefix;

        Kind(String dbName, String prefix) {
            this.dbName = dbName;
            this.prefix = prefix;
        }

        public static Kind fromDb(String name) {
            return name.equals(SECRET.dbName) ? SECRET : PUBLISHABLE;
        }
    }

    public static String generate(Kind kind, boolean livemode) {
        return Ids.secret(kind.prefix + (livemode ? "_live_" : "_test_"), SECRET_LENGTH);
    }

    public static boolean wellFormed(String key) {
        return key != null && key.length() <= KEY_LENGTH_MAX && SHAPE.matcher(key).matches();
    }

    public static boolean livemodeOf(String key) {
        return key.startsWith("sk_live_") || key.startsWith("pk_live_") || key.startsWith("rk_live_");
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As Stripe shows keys in errors: the first 8 characters, stars, and the last 4. */
    public static String redact(String key) {
        if (key == null) {
            return "";
        }
        int visibleTail = Math.min(4, key.length());
        int visibleHead = key.length() > 12 ? 8 : 0;
        int hidden = key.length() - visibleHead - visibleTail;
        return key.substring(0, visibleHead) + "*".repeat(Math.min(hidden, 200)) + key.substring(key.length() - visibleTail);
    }
}
