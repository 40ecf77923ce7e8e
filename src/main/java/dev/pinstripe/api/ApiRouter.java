package dev.pinstripe.api;

/** Where resources declare their endpoints; the HTTP layer implements it. Paths use {@code {name}}. */
public interface ApiRouter {
    void get(String path, ApiHandler handler);

    void post(String path, ApiHandler handler);

    void delete(String path, ApiHandler handler);

    @FunctionalInterface
    interface ApiHandler {
        ApiResponse handle(ApiRequest request);
    }
}
