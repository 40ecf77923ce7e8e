package dev.pinstripe.radar.rules;

/**
 * One token of a rule's condition.
 *
 * @param text what the token means: an attribute name, a metadata key or a list alias without their
 *     punctuation, a string without quotes or escapes; otherwise the token as written
 * @param position the 0-based offset of its first character in the rule
 * @param written the token exactly as written in the rule
 */
record Token(Kind kind, String text, int position, String written) {

    // Enough of a token to recognise it; a hostile 2,000-character string isn't echoed whole.
    private static final int DESCRIBED_LENGTH_MAX_CHARS = 40;

    enum Kind {
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        /** {@code = != < <= > >=}; {@code text} is the symbol. */
        COMPARISON,
        /** {@code !}, Stripe's symbol for NOT. */
        BANG,
        /** {@code &&}, Stripe's symbol for AND. */
        AND_SYMBOL,
        /** {@code ||}, Stripe's symbol for OR. */
        OR_SYMBOL,
        /** A bare word: a keyword such as {@code AND}, {@code in} or {@code true}, in any case, or a mistake. */
        WORD,
        ATTRIBUTE,
        METADATA,
        LIST,
        STRING,
        NUMBER,
        END
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    /** Whether this is the bare word {@code keyword}, in any case. */
    boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** The token for a message, e.g. {@code 'foo'} or {@code the end of the rule}. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the rule";
            case STRING -> "the string " + shorten(written);
            default -> "'" + shorten(written) + "'";
        };
    }

    static String shorten(String text) {
        if (text.length() <= DESCRIBED_LENGTH_MAX_CHARS) {
            return text;
        }
        int end = DESCRIBED_LENGTH_MAX_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
