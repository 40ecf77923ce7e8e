package dev.pinstripe.loadgen;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

public enum ScenarioName {
    CUSTOMERS_CREATE("customers.create", Outcome.STATUS_RULE),
    CUSTOMERS_RETRIEVE("customers.retrieve", Outcome.STATUS_RULE),
    CUSTOMERS_LIST("customers.list", Outcome.STATUS_RULE),
    PAYMENTS_CHECKOUT("payments.checkout", PaymentRequests.SUCCESS_RULE, "checkout"),
    PAYMENTS_CONFIRM_TWO_STEP("payments.confirm_two_step", PaymentRequests.SUCCESS_RULE);

    private final String label;
    private final String successRule;
    private final List<String> aliases;

    ScenarioName(String label, String successRule, String... aliases) {
        this.label = label;
        this.successRule = successRule;
        this.aliases = List.of(aliases);
    }

    public String label() {
        return label;
    }

    /** How a successful response is told, in words, for the report. */
    public String successRule() {
        return successRule;
    }

    @Override
    public String toString() {
        return label;
    }

    /** By label, or by a short alias ({@code checkout}); the report always shows the label. */
    public static ScenarioName parse(String text) {
        for (ScenarioName name : values()) {
            if (name.label.equals(text) || name.aliases.contains(text)) {
                return name;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "', expected one of "
                + Arrays.toString(values()));
    }

    static final class Converter implements ITypeConverter<ScenarioName> {
        @Override
        public ScenarioName convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** For picocli's help text and shell completion. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(ScenarioName::label).iterator();
        }
    }
}
