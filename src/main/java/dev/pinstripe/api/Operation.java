package dev.pinstripe.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * What a mutating request does, as a chain of atomic phases (brandur's "atomic phases and recovery
 * points"). Each phase runs in one database transaction together with the idempotency key's
 * recovery point, so a crash between phases leaves the key at the last completed point and a retry
 * resumes there. Most operations have a single phase; operations with effects outside the database
 * (the card network) have several.
 *
 * @param phases keyed by the recovery point each starts from; the first is {@link #STARTED}
 */
public record Operation(Map<String, AtomicPhase> phases) {
    public static final String STARTED = "started";
    public static final String FINISHED = "finished";

    public Operation {
        if (!phases.containsKey(STARTED)) {
            throw new IllegalArgumentException("an operation starts at '" + STARTED + "'");
        }
        if (phases.containsKey(FINISHED)) {
            throw new IllegalArgumentException("'" + FINISHED + "' is terminal");
        }
        phases = Map.copyOf(new LinkedHashMap<>(phases));
    }

    /** An operation that is one transaction. */
    public static Operation single(Function<Handle, ApiResponse> work) {
        return new Operation(Map.of(STARTED, (tx, state) -> new PhaseResult.Finish(work.apply(tx))));
    }

    /** One transaction's worth of work; {@code state} is what the previous phase passed on (or null). */
    @FunctionalInterface
    public interface AtomicPhase {
        PhaseResult run(Handle tx, JsonNode state);
    }

    /** What a phase produced: the next recovery point and the state it needs, or the final response. */
    public sealed interface PhaseResult {
        record Continue(String recoveryPoint, JsonNode state) implements PhaseResult {}

        record Finish(ApiResponse response) implements PhaseResult {}
    }
}
