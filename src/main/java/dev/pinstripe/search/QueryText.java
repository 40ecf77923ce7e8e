package dev.pinstripe.search;

/** Formatting of query text, for error messages and for queries written back out. */
final class QueryText {

    // Long enough for any real field name or metadata key, short enough to keep a hostile
    // 10,000-character name from being echoed whole.
    private static final int MAX_QUOTED_LENGTH_CHARS = 100;

    private QueryText() {}

    /** Wraps part of a query in backticks, as Stripe's messages do, shortening it if long. */
    static String code(String text) {
        if (text.length() <= MAX_QUOTED_LENGTH_CHARS) {
            return "`" + text + "`";
        }
        int end = MAX_QUOTED_LENGTH_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return "`" + text.substring(0, end) + "…`";
    }

    /** Double-quotes text, escaping the characters the parser treats specially inside quotes. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
