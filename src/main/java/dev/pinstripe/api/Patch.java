package dev.pinstripe.api;

import java.util.function.Function;

/**
 * An update to one field, as Stripe's form encoding expresses it: the parameter is absent (leave the
 * field alone), empty (unset it) or has a value.
 */
public sealed interface Patch<T> {
    record Absent<T>() implements Patch<T> {}

    record Unset<T>() implements Patch<T> {}

    record Set<T>(T value) implements Patch<T> {}

    static <T> Patch<T> absent() {
        return new Absent<>();
    }

    static <T> Patch<T> unset() {
        return new Unset<>();
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    /** The new value of a field whose current value is {@code current}. */
    default T applyTo(T current) {
        return switch (this) {
            case Absent<T> a -> current;
            case Unset<T> u -> null;
            case Set<T> s -> s.value();
        };
    }

    /** For a field that is never null: absent and unset (an empty parameter) both mean {@code dflt}. */
    default T orDefault(T dflt) {
        return this instanceof Set<T> s ? s.value() : dflt;
    }

    /** The value for a field of a new object: absent and unset both mean null. */
    default T orNull() {
        return applyTo(null);
    }

    default <R> Patch<R> map(Function<T, R> f) {
        return switch (this) {
            case Absent<T> a -> absent();
            case Unset<T> u -> unset();
            case Set<T> s -> set(f.apply(s.value()));
        };
    }
}
