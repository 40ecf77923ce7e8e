package dev.pinstripe.loadgen;

import java.util.List;

/** {@code GET /v1/customers/{id}} of a pseudo-random customer among those created in setup. */
public record CustomersRetrieve(List<String> customerIds, long seed) implements Scenario {

    public CustomersRetrieve {
        customerIds = List.copyOf(customerIds);
        if (customerIds.isEmpty()) {
            throw new IllegalArgumentException("need at least one customer id");
        }
    }

    @Override
    public RequestSpec request(long sequence) {
        return RequestSpec.get("/v1/customers/" + customerIds.get(pick(sequence)));
    }

    // A pure function of the sequence number, so concurrent callers need no shared random state.
    int pick(long sequence) {
        return (int) Long.remainderUnsigned(mix(seed + sequence * 0x9E3779B97F4A7C15L), customerIds.size());
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
