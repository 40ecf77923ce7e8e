package dev.pinstripe.loadgen;

/** {@code GET /v1/customers?limit=10}. */
public record CustomersList() implements Scenario {

    private static final RequestSpec REQUEST = RequestSpec.get("/v1/customers?limit=10");

    @Override
    public RequestSpec request(long sequence) {
        return REQUEST;
    }
}
