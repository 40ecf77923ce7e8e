package dev.pinstripe.api;

/**
 * A rendered response: HTTP status and JSON body, as stored for idempotent replays.
 *
 * @param replayOf the ID of the request whose stored response this is, or null for a fresh one
 */
public record ApiResponse(int status, String body, String replayOf) {
    public static ApiResponse ok(String body) {
        return new ApiResponse(200, body, null);
    }

    public static ApiResponse of(int status, String body) {
        return new ApiResponse(status, body, null);
    }
}
