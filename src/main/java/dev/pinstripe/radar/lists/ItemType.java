package dev.pinstripe.radar.lists;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The type of a value list's items: which values it accepts and how they match. Each item is stored
 * with a match key (its value normalised for the type); a value is in a list when one of its probe
 * keys equals an item's match key. Pure functions, no I/O.
 */
enum ItemType {
    ACCOUNT("account", Normalization.EXACT),
    CARD_BIN("card_bin", Normalization.BIN_PREFIX),
    CARD_FINGERPRINT("card_fingerprint", Normalization.EXACT),
    CASE_SENSITIVE_STRING("case_sensitive_string", Normalization.EXACT),
    COUNTRY("country", Normalization.UPPER),
    CRYPTO_FINGERPRINT("crypto_fingerprint", Normalization.EXACT),
    CUSTOMER_ID("customer_id", Normalization.EXACT),
    EMAIL("email", Normalization.LOWER),
    IP_ADDRESS("ip_address", Normalization.IP),
    SEPA_DEBIT_FINGERPRINT("sepa_debit_fingerprint", Normalization.EXACT),
    STRING("string", Normalization.LOWER),
    US_BANK_ACCOUNT_FINGERPRINT("us_bank_account_fingerprint", Normalization.EXACT);

    /** Stripe's limit on an item's value, in characters. */
    static final int VALUE_LENGTH_MAX = 800;
    /** A match key must fit one B-tree entry with room to spare (PostgreSQL's limit is about 2,700 bytes). */
    static final int MATCH_KEY_BYTES_MAX = 2000;
    /** Card BINs are the first 6 to 8 digits of a card number. */
    static final int BIN_DIGITS_MIN = 6;
    static final int BIN_DIGITS_MAX = 8;

    private static final Pattern BIN = Pattern.compile("[0-9]{" + BIN_DIGITS_MIN + "," + BIN_DIGITS_MAX + "}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern CUSTOMER = Pattern.compile("cus_[A-Za-z0-9]{1,64}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("acct_[A-Za-z0-9]{1,64}");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** How values of a type compare. */
    enum Normalization {
        /** As sent: IDs, fingerprints and case-sensitive strings. */
        EXACT,
        /** Ignoring case (Unicode lower case, locale-independent): strings and emails. */
        LOWER,
        /** Two-letter country codes, in either case. */
        UPPER,
        /** The canonical text of the address: {@code 2001:DB8::1} and {@code 2001:db8:0:0:0:0:0:1} are one. */
        IP,
        /** A BIN item of 6 to 8 digits matches every card number or BIN that starts with it. */
        BIN_PREFIX;

        /** The match key of a value already valid for a type with this normalisation. */
        String key(String value) {
            return switch (this) {
                case EXACT, BIN_PREFIX -> value;
                case LOWER -> value.toLowerCase(Locale.ROOT);
                case UPPER -> value.toUpperCase(Locale.ROOT);
                case IP -> canonicalIp(value).orElseThrow();
            };
        }

        /**
         * The keys that a value looked up matches: none when it cannot match anything (an
         * unparseable IP address), several for a card number or BIN (its 6-, 7- and 8-digit prefixes).
         */
        String[] probeKeys(String value) {
            if (value == null || value.isEmpty()) {
                return new String[0];
            }
            return switch (this) {
                case EXACT, LOWER, UPPER -> new String[] {key(value)};
                case IP -> canonicalIp(value).map(k -> new String[] {k}).orElse(new String[0]);
                case BIN_PREFIX -> binPrefixes(value);
            };
        }
    }

    final String wire;
    final Normalization normalization;

    ItemType(String wire, Normalization normalization) {
        this.wire = wire;
        this.normalization = normalization;
    }

    static final List<String> WIRE_NAMES = Arrays.stream(values()).map(t -> t.wire).toList();

    static ItemType fromWire(String wire) {
        for (ItemType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not an item type: " + wire);
    }

    /**
     * The match key of a new item with this value, or a message saying why the value does not
     * belong in a list of this type.
     */
    Result matchKey(String value) {
        String problem = problem(value);
        if (problem != null) {
            return new Result(null, problem);
        }
        String key = normalization.key(value);
        if (key.getBytes(StandardCharsets.UTF_8).length > MATCH_KEY_BYTES_MAX) {
            return new Result(null, "The value is too long: a list item's value can be at most "
                    + MATCH_KEY_BYTES_MAX + " bytes in UTF-8.");
        }
        return new Result(key, null);
    }

    /** A match key, or why there is none. */
    record Result(String key, String problem) {}

    private String problem(String value) {
        if (value.codePointCount(0, value.length()) > VALUE_LENGTH_MAX) {
            return "The value is too long: a list item's value can be at most " + VALUE_LENGTH_MAX + " characters.";
        }
        return switch (this) {
            case STRING, CASE_SENSITIVE_STRING -> null;
            case CARD_BIN -> BIN.matcher(value).matches() ? null
                    : "Invalid card BIN: '" + value + "'. A card_bin list holds the first 6 to 8 digits of card"
                      + " numbers.";
            case CARD_FINGERPRINT, SEPA_DEBIT_FINGERPRINT, US_BANK_ACCOUNT_FINGERPRINT, CRYPTO_FINGERPRINT ->
                    FINGERPRINT.matcher(value).matches() ? null
                            : "Invalid fingerprint: '" + value + "'. A " + wire + " list holds fingerprints of 1 to 64"
                              + " letters and digits.";
            case COUNTRY -> value.length() == 2 && COUNTRIES.contains(value.toUpperCase(Locale.ROOT)) ? null
                    : "Invalid country: '" + value + "'. A country list holds two-letter ISO 3166-1 country codes"
                      + " such as US.";
            case CUSTOMER_ID -> CUSTOMER.matcher(value).matches() ? null
                    : "Invalid customer ID: '" + value + "'. A customer_id list holds customer IDs such as cus_123.";
            case ACCOUNT -> ACCOUNT_ID.matcher(value).matches() ? null
                    : "Invalid account ID: '" + value + "'. An account list holds account IDs such as acct_123.";
            case EMAIL -> EMAIL_ADDRESS.matcher(value).matches() ? null
                    : "Invalid email address: '" + value + "'.";
            case IP_ADDRESS -> canonicalIp(value).isPresent() ? null
                    : "Invalid IP address: '" + value + "'. An ip_address list holds single IPv4 or IPv6 addresses.";
        };
    }

    /** The canonical text of an IPv4 or IPv6 literal; never a DNS lookup. IPv4-mapped IPv6 is IPv4. */
    static Optional<String> canonicalIp(String value) {
        if (IPV4.matcher(value).matches()) {
            return Optional.of(value);
        }
        // Only hex digits, colons and dots reach InetAddress, starting with a hex digit or a colon:
        // then it parses a literal (and, with a colon, fails rather than resolve a name).
        if (value.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(value);
            String text = address.getHostAddress();
            return Optional.of(address instanceof Inet4Address ? text : text.toLowerCase(Locale.ROOT));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String[] binPrefixes(String value) {
        if (value.length() < BIN_DIGITS_MIN || !DIGITS.matcher(value).matches()) {
            return new String[0];
        }
        int longest = Math.min(BIN_DIGITS_MAX, value.length());
        String[] keys = new String[longest - BIN_DIGITS_MIN + 1];
        for (int n = BIN_DIGITS_MIN; n <= longest; n++) {
            keys[n - BIN_DIGITS_MIN] = value.substring(0, n);
        }
        return keys;
    }
}
