package dev.pinstripe.radar.rules;

/**
 * A rule that can't be parsed, or that doesn't fit the {@link AttributeCatalog}. The message names
 * the problem and where it is, for the person who wrote the rule, e.g.
 * {@code Unknown attribute :card_contry: at position 9}.
 *
 * <p>It has no stack trace: it reports the writer's input, not a fault in the code, and hostile input
 * shouldn't pay for one.
 */
public final class RuleSyntaxException extends Exception {

    private final int position;

    /**
     * @param problem what is wrong, as a sentence without a full stop
     * @param position the 0-based offset in the rule where the problem is, or -1 for the whole rule
     */
    RuleSyntaxException(String problem, int position) {
        super(position < 0 ? problem : problem + " at position " + position, null, false, false);
        this.position = position;
    }

    /** The 0-based character offset in the rule where the problem is, or -1 if it concerns the whole rule. */
    public int position() {
        return position;
    }
}
