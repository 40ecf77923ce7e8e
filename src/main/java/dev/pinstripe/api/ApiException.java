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

    ApiException(int status, String type, String code, String message, String param, String declineCode) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
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
