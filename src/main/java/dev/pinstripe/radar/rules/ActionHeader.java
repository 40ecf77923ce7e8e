package dev.pinstripe.radar.rules;

import java.util.Locale;

/**
 * The start of a rule, {@code {action} if}: which action, and where the condition begins. Words are
 * separated by whitespace and may be in any case. {@code Request Credentials} and Stripe's own
 * spelling in the Dashboard, {@code Request 3D Secure}, both mean {@link RuleAction#REQUEST_CREDENTIALS}.
 */
record ActionHeader(RuleAction action, int conditionStart) {

    private static final String ACTIONS = "Allow, Block, Review or Request Credentials";

    static ActionHeader read(String source) throws RuleSyntaxException {
        Words words = new Words(source);
        int start = words.skipWhitespace();
        String first = words.next();
        RuleAction action = switch (first.toLowerCase(Locale.ROOT)) {
            case "allow" -> RuleAction.ALLOW;
            case "block" -> RuleAction.BLOCK;
            case "review" -> RuleAction.REVIEW;
            case "request" -> {
                words.skipWhitespace();
                String second = words.next();
                boolean known = second.equalsIgnoreCase("credentials");
                if (second.equalsIgnoreCase("3d")) {
                    words.skipWhitespace();
                    known = words.next().equalsIgnoreCase("secure");
                }
                if (!known) {
                    throw unknownAction(source, start, words.offset);
                }
                yield RuleAction.REQUEST_CREDENTIALS;
            }
            case "" -> throw new RuleSyntaxException("Expected an action (" + ACTIONS + ")", start);
            default -> throw unknownAction(source, start, words.offset);
        };
        int actionEnd = words.offset;
        int ifStart = words.skipWhitespace();
        if (!words.next().equalsIgnoreCase("if")) {
            throw new RuleSyntaxException("Expected 'if' after '" + source.substring(start, actionEnd) + "'", ifStart);
        }
        return new ActionHeader(action, words.offset);
    }

    private static RuleSyntaxException unknownAction(String source, int start, int end) {
        return new RuleSyntaxException("Unknown action '" + Token.shorten(source.substring(start, end)) + "'; expected "
                + ACTIONS, start);
    }

    /** A cursor over the words of the header: runs of letters, digits and underscores. */
    private static final class Words {
        private final String source;
        private int offset;

        Words(String source) {
            this.source = source;
        }

        /** Moves past whitespace and returns the new offset. */
        int skipWhitespace() {
            while (offset < source.length() && Character.isWhitespace(source.charAt(offset))) {
                offset++;
            }
            return offset;
        }

        /** The word at the cursor, moving past it; empty if none starts here. */
        String next() {
            int start = offset;
            while (offset < source.length() && AttributeCatalog.isNameChar(source.charAt(offset))) {
                offset++;
            }
            return source.substring(start, offset);
        }
    }
}
