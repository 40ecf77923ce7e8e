package dev.pinstripe.radar.rules;

/**
 * A parsed, type-checked condition: the tree {@link Rule#matches} evaluates. Each kind of node is a
 * record here, with its meaning. Evaluation reads values from the {@link RuleContext} and allocates
 * nothing; anything that can be prepared (patterns, lists, case rules) was prepared by the parser.
 */
sealed interface Condition {

    Truth evaluate(RuleContext ctx);

    /** {@code a AND b AND ...}: false if any part is false, else missing if any part is missing. */
    record All(Condition[] parts) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            boolean missing = false;
            for (Condition part : parts) {
                Truth truth = part.evaluate(ctx);
                if (truth == Truth.FALSE) {
                    return Truth.FALSE;
                }
                missing |= truth == Truth.MISSING;
            }
            return missing ? Truth.MISSING : Truth.TRUE;
        }
    }

    /** {@code a OR b OR ...}: true if any part is true, else missing if any part is missing. */
    record Any(Condition[] parts) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            boolean missing = false;
            for (Condition part : parts) {
                Truth truth = part.evaluate(ctx);
                if (truth == Truth.TRUE) {
                    return Truth.TRUE;
                }
                missing |= truth == Truth.MISSING;
            }
            return missing ? Truth.MISSING : Truth.FALSE;
        }
    }

    /** {@code NOT a}: missing stays missing, so negating a comparison never matches a missing value. */
    record Not(Condition inner) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            return inner.evaluate(ctx).not();
        }
    }

    /** {@code is_missing(:attr:)} or {@code is_missing(::key::)}: never missing itself. */
    record IsMissing(Value operand) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            return Truth.of(operand.isMissing(ctx));
        }
    }

    /** A boolean attribute alone, {@code :is_anonymous_ip:}. */
    record IsTrue(Value.Attribute attribute) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            Boolean value = attribute.bool(ctx);
            return value == null ? Truth.MISSING : Truth.of(value);
        }
    }

    /** {@code left op right} on numbers: numeric attributes, literals, or metadata read as numbers. */
    record CompareNumbers(Value left, ComparisonOperator operator, Value right) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            double l = left.number(ctx);
            if (Double.isNaN(l)) {
                return Truth.MISSING;
            }
            double r = right.number(ctx);
            if (Double.isNaN(r)) {
                return Truth.MISSING;
            }
            return Truth.of(operator.holds(l, r));
        }
    }

    /** {@code left = right} ({@code equal}) or {@code left != right} on text. */
    record CompareTexts(Value left, boolean equal, Value right, boolean ignoreCase) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            String l = left.text(ctx);
            if (l == null) {
                return Truth.MISSING;
            }
            String r = right.text(ctx);
            if (r == null) {
                return Truth.MISSING;
            }
            boolean same = ignoreCase ? l.equalsIgnoreCase(r) : l.equals(r);
            return Truth.of(same == equal);
        }
    }

    /** {@code left IN ('a', 'b')}. */
    record InTexts(Value left, String[] options, boolean ignoreCase) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            String value = left.text(ctx);
            if (value == null) {
                return Truth.MISSING;
            }
            for (String option : options) {
                if (ignoreCase ? value.equalsIgnoreCase(option) : value.equals(option)) {
                    return Truth.TRUE;
                }
            }
            return Truth.FALSE;
        }
    }

    /** {@code left IN (1, 2.5)}. */
    record InNumbers(Value left, double[] options) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            double value = left.number(ctx);
            if (Double.isNaN(value)) {
                return Truth.MISSING;
            }
            for (double option : options) {
                if (value == option) {
                    return Truth.TRUE;
                }
            }
            return Truth.FALSE;
        }
    }

    /** {@code left IN @alias}: the value list decides, see {@link RuleContext#inList}. */
    record InList(Value left, String alias) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            String value = left.text(ctx);
            return value == null ? Truth.MISSING : Truth.of(ctx.inList(alias, value));
        }
    }

    /** {@code left LIKE 'pattern'} or {@code left INCLUDES 'part'}. */
    record Matches(Value left, TextPattern pattern) implements Condition {
        @Override
        public Truth evaluate(RuleContext ctx) {
            String value = left.text(ctx);
            return value == null ? Truth.MISSING : Truth.of(pattern.matches(value));
        }
    }
}
