package dev.pinstripe.api;

/**
 * An error the API reports to the client in Stripe's error JSON. Every instance comes from
 * {@link ApiErrors}, the one registry of codes, types and messages.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String declineCode;
    private final com.fasterxml.jackson.databind.node.ObjectNode related;

    ApiException(int status, String type, String code, String message, String param, String declineCode) {
        this(status, type, code, message, param, declineCode, null);
    }

    ApiException(int status, String type, String code, String message, String param, String declineCode,
            com.fasterxml.jackson.databind.node.ObjectNode related) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
        this.related = related;
    }

    /**
     * The same error with the objects it concerns attached, as Stripe's card errors carry them
     * ({@code charge}, {@code payment_intent}, {@code payment_method}, ...).
     */
    public ApiException withRelated(com.fasterxml.jackson.databind.node.ObjectNode objects) {
        return new ApiException(status, type, code, getMessage(), param, declineCode, objects);
    }

    /** Objects rendered into the error body next to its fields, or null. */
    public com.fasterxml.jackson.databind.node.ObjectNode related() {
        return related;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Stripe's error code, or null for errors that have none (e.g. unknown routes). */
    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public String declineCode() {
        return declineCode;
    }
}
