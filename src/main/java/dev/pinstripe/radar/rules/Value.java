package dev.pinstripe.radar.rules;

/**
 * A value a condition reads: an attribute or metadata of the payment, or a literal written in the
 * rule. A missing value reads as {@code null} text or NaN; conditions turn that into
 * {@link Truth#MISSING}. The parser only asks a value for the kind it has checked it holds.
 */
sealed interface Value {

    /** The value as written in the rule, for messages. */
    String written();

    /** The value as text, or {@code null} when missing. */
    String text(RuleContext ctx);

    /** The value as a number, or NaN when missing (or, for metadata, not a number). */
    double number(RuleContext ctx);

    /** Whether the payment lacks this value; literals are never missing. */
    default boolean isMissing(RuleContext ctx) {
        return false;
    }

    /** {@code :name:}, an attribute from the {@link AttributeCatalog}. */
    record Attribute(String name, AttributeType type, boolean ignoresCase) implements Value {

        @Override
        public String written() {
            return ":" + name + ":";
        }

        @Override
        public String text(RuleContext ctx) {
            Object value = ctx.attribute(name);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            throw wrongType(value);
        }

        @Override
        public double number(RuleContext ctx) {
            Object value = ctx.attribute(name);
            if (value == null) {
                return Double.NaN;
            }
            if (value instanceof Double || value instanceof Long || value instanceof Integer) {
                return ((Number) value).doubleValue();
            }
            throw wrongType(value);
        }

        /** {@link Boolean#TRUE}, {@link Boolean#FALSE}, or {@code null} when missing. */
        Boolean bool(RuleContext ctx) {
            Object value = ctx.attribute(name);
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            throw wrongType(value);
        }

        @Override
        public boolean isMissing(RuleContext ctx) {
            return ctx.attribute(name) == null;
        }

        private IllegalStateException wrongType(Object value) {
            return new IllegalStateException("The rule context gave " + written() + ", a " + type + " attribute, a "
                    + value.getClass().getSimpleName());
        }
    }

    /**
     * {@code ::key::}, metadata of the payment (or of its customer or destination, see
     * {@link RuleContext#metadata}). Stripe: metadata "can operate as either strings or numbers".
     */
    record Metadata(String key) implements Value {

        @Override
        public String written() {
            return "::" + key + "::";
        }

        @Override
        public String text(RuleContext ctx) {
            return ctx.metadata(key);
        }

        @Override
        public double number(RuleContext ctx) {
            String text = ctx.metadata(key);
            return text == null ? Double.NaN : NumberText.parse(text);
        }

        @Override
        public boolean isMissing(RuleContext ctx) {
            return ctx.metadata(key) == null;
        }
    }

    /** {@code 'text'}: a string literal, {@code value} without quotes or escapes. */
    record TextLiteral(String value) implements Value {

        @Override
        public String written() {
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        public String text(RuleContext ctx) {
            return value;
        }

        @Override
        public double number(RuleContext ctx) {
            throw new IllegalStateException("A string literal has no number: " + written());
        }
    }

    /** A number literal such as {@code 1000.00}, written {@code written}. */
    record NumberLiteral(double value, String written) implements Value {

        @Override
        public String text(RuleContext ctx) {
            throw new IllegalStateException("A number literal has no text: " + written);
        }

        @Override
        public double number(RuleContext ctx) {
            return value;
        }
    }
}
