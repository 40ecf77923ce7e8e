package dev.pinstripe.loadgen;

import java.util.UUID;

/** {@code POST /v1/customers}, a new customer each time, tagged with the run's id. */
public record CustomersCreate(String runId, boolean idempotencyKeys) implements Scenario {

    @Override
    public RequestSpec request(long sequence) {
        // Brackets stay literal, as Stripe's own client libraries send them.
        String body = "email=loadgen-" + sequence + "@example.com&name=Load+Gen&metadata[run]=" + runId;
        String idempotencyKey = idempotencyKeys ? UUID.randomUUID().toString() : null;
        return new RequestSpec("POST", "/v1/customers", body, idempotencyKey);
    }
}
