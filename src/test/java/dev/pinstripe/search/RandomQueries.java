package dev.pinstripe.search;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/** Random query text: mostly near-misses built from the language's own pieces, some noise. */
final class RandomQueries {

    private static final List<String> PIECES = List.of(
            "email", "name", "phone", "created", "metadata", "metadata['k']", "metadata[\"a b\"]", "unknown",
            "payment_method_details.card.last4", "disputed", "refunded", "billing_details.address.postal_code",
            "'true'", "'FALSE'", "true", ".", "[", "]",
            ":", "~", ">", "<", ">=", "<=", "=", "-", "--",
            "'", "\"", "\\", "\\'", "\\\"", "''",
            "'amy@rocketrides.io'", "\"Jane Doe\"", "'ab'", "'abc'", "'%_\\\\'", "null", "NULL", "'null'",
            "0", "42", "-7", "1620310503", "9223372036854775808", "10.5",
            " ", "  ", "\t", "\n", " AND ", " OR ", " and ", " or ", "AND", "OR", "NOT ", "(", ")",
            ";", "1=1", "DROP TABLE customers", "?", "$1", ":name", "%", "_",
            "é", "山", "😀", "\u202E", "\u200B", "\u00A0", "\uFF1A", "\u0000", "\uD800", "\uDC00", "\u0007");

    private static final List<String> TEXT_FIELDS = List.of("email", "name", "phone");
    private static final List<String> TOKEN_FIELDS = List.of("metadata['order']", "metadata[\"k\\\"q\"]");
    private static final List<String> BOOLEAN_FIELDS = List.of("disputed", "refunded");
    private static final List<String> BOOLEAN_VALUES = List.of("'true'", "\"FALSE\"", "'yes'", "true", "1", "null");
    private static final List<String> NUMERIC_OPERATORS = List.of(":", ">", "<", ">=", "<=");
    private static final List<String> TEXT_VALUES = List.of("'amy@rocketrides.io'", "\"Jane  Doe\"", "'abc'",
            "'a%b_c\\\\d'", "'x\\'y'", "\"山田 😀\"", "''", "'ab'", "42", "null");
    private static final List<String> NUMERIC_VALUES =
            List.of("1620310503", "'1620310503'", "-1", "0", "null", "'abc'", "9223372036854775808");

    private RandomQueries() {}

    static String next(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> noise(random);
            case 1 -> pieces(random);
            default -> clauses(random);
        };
    }

    /** Shows a query in a failure message with its invisible characters spelled out. */
    static String describe(String query) {
        return query.chars()
                .mapToObj(c -> c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format(Locale.ROOT, "\\u%04X", c))
                .collect(Collectors.joining("", "\"", "\""));
    }

    private static String noise(Random random) {
        int length = random.nextInt(40);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    private static String pieces(Random random) {
        int count = random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pick(random, PIECES));
        }
        return text.toString();
    }

    /**
     * Clauses that mostly fit the customer fields or a charge's booleans, joined by one
     * connective, sometimes with a piece inserted, so that translation and round-tripping are
     * exercised as well as refusals.
     */
    private static String clauses(Random random) {
        String connective = random.nextBoolean() ? " AND " : " OR ";
        int count = random.nextInt(4) == 0 ? 1 + random.nextInt(SearchQuery.MAX_CLAUSES + 1) : 1 + random.nextInt(3);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(connective.equals(" AND ") && random.nextBoolean() ? " " : connective);
            }
            if (random.nextInt(4) == 0) {
                text.append('-');
            }
            text.append(clause(random));
        }
        if (random.nextInt(10) == 0) {
            text.insert(random.nextInt(text.length() + 1), pick(random, PIECES));
        }
        return text.toString();
    }

    private static String clause(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(random, TEXT_FIELDS) + (random.nextBoolean() ? ":" : "~") + pick(random, TEXT_VALUES);
            case 1 -> pick(random, TOKEN_FIELDS) + ":" + pick(random, TEXT_VALUES);
            case 2 -> pick(random, BOOLEAN_FIELDS) + (random.nextInt(4) == 0 ? "~" : ":") + pick(random, BOOLEAN_VALUES);
            default -> "created" + pick(random, NUMERIC_OPERATORS) + pick(random, NUMERIC_VALUES);
        };
    }

    private static String pick(Random random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
