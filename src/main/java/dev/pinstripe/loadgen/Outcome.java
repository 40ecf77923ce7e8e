package dev.pinstripe.loadgen;

/**
 * What one operation of a scenario came to, once its last response was complete.
 *
 * @param status the HTTP status of the operation's last response
 * @param succeeded whether the scenario counts the operation as a success
 * @param detail for an unsuccessful operation, what was wrong with it; null when the status says it all
 */
public record Outcome(int status, boolean succeeded, String detail) {

    /** How {@link #ofStatus} judges, for the report. */
    public static final String STATUS_RULE = "HTTP 2xx";

    /** Judged by the status alone: any 2xx is a success. */
    public static Outcome ofStatus(int status) {
        return new Outcome(status, status / 100 == 2, null);
    }

    public static Outcome success(int status) {
        return new Outcome(status, true, null);
    }

    public static Outcome failure(int status, String detail) {
        return new Outcome(status, false, detail);
    }
}
