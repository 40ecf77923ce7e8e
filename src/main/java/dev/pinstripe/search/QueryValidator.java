package dev.pinstripe.search;

import dev.pinstripe.search.QueryParser.ParsedClause;
import dev.pinstripe.search.QueryParser.ParsedQuery;
import dev.pinstripe.search.QueryParser.RawValue;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Gives parsed clauses their meaning against a resource's fields, or says why they have none. */
final class QueryValidator {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private QueryValidator() {}

    static SearchQuery validate(ParsedQuery parsed, SearchFields fields) {
        return new SearchQuery(parsed.connective(), parsed.clauses().stream().map(c -> validate(c, fields)).toList());
    }

    private static Clause validate(ParsedClause parsed, SearchFields fields) {
        FieldType type = typeOf(parsed.target(), fields);
        String target = QueryText.code(parsed.target().toQueryString());
        Operator operator = parsed.operator();
        if (!type.supports(operator)) {
            throw new SearchQueryException("The " + QueryText.code(operator.symbol()) + " operator isn't supported for "
                    + target + ", which is a " + typeName(type) + " field; use " + operatorList(type) + ".");
        }
        SearchValue value = value(parsed.value(), type, parsed.target());
        if (value instanceof SearchValue.Null && operator != Operator.EXACT) {
            throw new SearchQueryException("`null` can only follow `:`, as in "
                    + QueryText.code(parsed.target().toQueryString() + ":null") + ".");
        }
        if (operator == Operator.SUBSTRING) {
            String text = ((SearchValue.Text) value).value();
            if (text.codePointCount(0, text.length()) < SearchQuery.MIN_SUBSTRING_LENGTH_CHARS) {
                throw new SearchQueryException("The substring to search for in " + target + " must be at least "
                        + SearchQuery.MIN_SUBSTRING_LENGTH_CHARS + " characters long.");
            }
        }
        return new Clause(parsed.target(), type, operator, value, parsed.negated());
    }

    private static FieldType typeOf(Target target, SearchFields fields) {
        return switch (target) {
            case Target.Metadata ignored -> {
                if (!fields.hasMetadata()) {
                    throw unsupportedField("metadata", fields);
                }
                yield FieldType.TOKEN;
            }
            case Target.Field field -> {
                if (field.name().equals("metadata") && fields.hasMetadata()) {
                    throw new SearchQueryException(QueryParser.PARSE_ERROR
                            + " Name the metadata key to search, as in `metadata[\"key\"]:\"value\"`.");
                }
                yield fields.type(field.name()).orElseThrow(() -> unsupportedField(field.name(), fields));
            }
        };
    }

    /** Stripe's message for an unknown field, word for word. */
    private static SearchQueryException unsupportedField(String field, SearchFields fields) {
        String resource = fields.resource();
        return new SearchQueryException("Field " + QueryText.code(field) + " is an unsupported search field for resource `"
                + resource + "`. See http://stripe.com/docs/search#query-fields-for-" + resource.replace('_', '-')
                + " for a list of supported fields.");
    }

    private static SearchValue value(RawValue raw, FieldType type, Target target) {
        if (raw instanceof RawValue.Bare bare && bare.isNull()) {
            return new SearchValue.Null();
        }
        if (type == FieldType.BOOLEAN) {
            String text = raw.text().toLowerCase(Locale.ROOT);
            if (!(raw instanceof RawValue.Quoted) || !SearchValue.BOOLEANS.contains(text)) {
                String example = QueryText.code(target.toQueryString() + ":\"true\"");
                throw new SearchQueryException("The value for " + QueryText.code(target.toQueryString())
                        + " must be \"true\" or \"false\", as in " + example + ".");
            }
            return new SearchValue.Text(text);
        }
        if (!type.isNumeric()) {
            // A bare number is kept as written, so a token like last4:0042 keeps its zeros.
            return new SearchValue.Text(raw.text());
        }
        // Stripe's own example quotes a number: amount>="10".
        String field = QueryText.code(target.toQueryString());
        if (!INTEGER.matcher(raw.text()).matches()) {
            boolean timestamp = type == FieldType.TIMESTAMP;
            throw new SearchQueryException("The value for " + field + " must be a whole number"
                    + (timestamp ? " of seconds since the Unix epoch" : "") + ", as in "
                    + QueryText.code(target.toQueryString() + (timestamp ? ">1620310503" : ">1000")) + ".");
        }
        try {
            return new SearchValue.Numeric(Long.parseLong(raw.text()));
        } catch (NumberFormatException e) {
            throw new SearchQueryException("The value for " + field + " is out of range.");
        }
    }

    private static String typeName(FieldType type) {
        return switch (type) {
            case TEXT -> "string";
            case TOKEN, BOOLEAN -> "token";
            case NUMBER, TIMESTAMP -> "numeric";
        };
    }

    private static String operatorList(FieldType type) {
        return type.operators().stream().map(o -> QueryText.code(o.symbol())).collect(Collectors.joining(", "));
    }
}
