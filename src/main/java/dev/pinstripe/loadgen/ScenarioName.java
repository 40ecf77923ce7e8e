package dev.pinstripe.loadgen;

import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

public enum ScenarioName {
    CUSTOMERS_CREATE("customers.create"),
    CUSTOMERS_RETRIEVE("customers.retrieve"),
    CUSTOMERS_LIST("customers.list");

    private final String label;

    ScenarioName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    public static ScenarioName parse(String text) {
        for (ScenarioName name : values()) {
            if (name.label.equals(text)) {
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
