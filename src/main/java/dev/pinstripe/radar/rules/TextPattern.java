package dev.pinstripe.radar.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code LIKE} or {@code INCLUDES} test, compiled when the rule is parsed.
 *
 * <p>Stripe documents one {@code LIKE} wildcard, {@code %}, matching any run of characters (possibly
 * none); every other character, {@code _} included, stands for itself, and the pattern must match
 * the whole value. {@code INCLUDES 'x'} is the pattern {@code %x%} with {@code x} taken literally.
 *
 * <p>A pattern is kept as the literal pieces between wildcards. With {@code %} the only wildcard,
 * taking each piece at its leftmost place after the previous one finds a match whenever one exists,
 * so matching needs no backtracking, no regular expression and no allocation.
 */
final class TextPattern {

    private final String[] pieces;
    private final boolean anchoredAtStart;
    private final boolean anchoredAtEnd;
    private final boolean ignoreCase;

    private TextPattern(String[] pieces, boolean anchoredAtStart, boolean anchoredAtEnd, boolean ignoreCase) {
        this.pieces = pieces;
        this.anchoredAtStart = anchoredAtStart;
        this.anchoredAtEnd = anchoredAtEnd;
        this.ignoreCase = ignoreCase;
    }

    /** The pattern of {@code LIKE 'pattern'}. */
    static TextPattern like(String pattern, boolean ignoreCase) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= pattern.length(); i++) {
            if (i == pattern.length() || pattern.charAt(i) == '%') {
                if (i > start) {
                    pieces.add(pattern.substring(start, i));
                }
                start = i + 1;
            }
        }
        return new TextPattern(pieces.toArray(String[]::new), !pattern.startsWith("%"), !pattern.endsWith("%"),
                ignoreCase);
    }

    /** The pattern of {@code INCLUDES 'part'}: any value containing {@code part}. */
    static TextPattern includes(String part, boolean ignoreCase) {
        String[] pieces = part.isEmpty() ? new String[0] : new String[] {part};
        return new TextPattern(pieces, false, false, ignoreCase);
    }

    boolean matches(String value) {
        if (anchoredAtStart && anchoredAtEnd && pieces.length <= 1) {
            // No wildcard at all: the pattern is the value.
            String whole = pieces.length == 0 ? "" : pieces[0];
            return ignoreCase ? value.equalsIgnoreCase(whole) : value.equals(whole);
        }
        int from = 0;
        int first = 0;
        int end = value.length();
        int last = pieces.length;
        if (anchoredAtStart) {
            String piece = pieces[0];
            if (!value.regionMatches(ignoreCase, 0, piece, 0, piece.length())) {
                return false;
            }
            from = piece.length();
            first = 1;
        }
        if (anchoredAtEnd) {
            String piece = pieces[pieces.length - 1];
            end = value.length() - piece.length();
            if (end < from || !value.regionMatches(ignoreCase, end, piece, 0, piece.length())) {
                return false;
            }
            last = pieces.length - 1;
        }
        for (int p = first; p < last; p++) {
            int at = find(value, pieces[p], from, end);
            if (at < 0) {
                return false;
            }
            from = at + pieces[p].length();
        }
        return true;
    }

    /** The first place at or after {@code from} where {@code piece} fits wholly before {@code end}, or -1. */
    private int find(String value, String piece, int from, int end) {
        for (int at = from; at + piece.length() <= end; at++) {
            if (value.regionMatches(ignoreCase, at, piece, 0, piece.length())) {
                return at;
            }
        }
        return -1;
    }
}
