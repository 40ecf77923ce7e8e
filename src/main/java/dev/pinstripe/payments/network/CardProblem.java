package dev.pinstripe.payments.network;

import java.util.Objects;

/**
 * Why raw card details were refused: Stripe's error {@code code}, English {@code message} and
 * {@code param}. All are {@code card_error}s (HTTP 402) except {@code parameter_missing}.
 */
public record CardProblem(String code, String message, String param) {

    public CardProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(param, "param");
    }

    /** Stripe's error {@code type}: {@code invalid_request_error} for a missing parameter, else {@code card_error}. */
    public String type() {
        return "parameter_missing".equals(code) ? "invalid_request_error" : "card_error";
    }

    /** The error's {@code doc_url}. */
    public String docUrl() {
        return "https://stripe.com/docs/error-codes/" + code.replace('_', '-');
    }
}
