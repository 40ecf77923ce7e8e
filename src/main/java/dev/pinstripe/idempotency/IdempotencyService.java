package dev.pinstripe.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.ErrorJson;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Operation;
import dev.pinstripe.api.Operation.PhaseResult;
import dev.pinstripe.api.RequestOrigin;
import dev.pinstripe.api.Scope;
import dev.pinstripe.store.Sql;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs mutating requests, idempotently when they carry an {@code Idempotency-Key}, with Stripe's
 * semantics (see docs/idempotency.md):
 *
 * <ul>
 *   <li>keys are scoped to an account and mode; a key is bound to the method, path and parameters of
 *       its first request (another endpoint or other parameters get {@code idempotency_error});
 *   <li>once the endpoint starts executing, its result is stored, errors included, and replayed to
 *       every retry with the same status and body;
 *   <li>a request whose key is held by a request still executing gets 409 {@code idempotency_key_in_use};
 *   <li>an operation is a chain of atomic phases; each commits together with the key's recovery point,
 *       so after a crash a retry resumes at the last recovery point (once the crashed request's lease
 *       has run out), and a crash inside a phase rolls that phase back completely.
 * </ul>
 *
 * <p>The first phase and the key's creation share one transaction: a single-phase request (most of
 * them) costs one commit. Requests for the same key are serialised by a transaction-scoped advisory
 * lock, which never blocks: a concurrent duplicate gets 409 at once.
 */
public final class IdempotencyService implements ApiRequest.RequestExecutor {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyService.class);
    public static final int KEY_LENGTH_MAX = 255;
    /** Most phases an operation may run before it is considered broken. */
    public static final int PHASES_MAX = 32;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lease;
    private final IdempotencyStore store = new IdempotencyStore();

    /**
     * @param lease how long a request holds its key between phases before a retry may take over
     */
    public IdempotencyService(Jdbi jdbi, Clock clock, Duration lease) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public ApiResponse read(ApiRequest request, Function<Handle, ApiResponse> work) {
        return jdbi.withHandle(work::apply);
    }

    @Override
    public ApiResponse execute(ApiRequest request, Operation operation) {
        String key = request.idempotencyKey();
        if (key == null) {
            return withoutKey(request, operation);
        }
        if (key.isEmpty() || key.length() > KEY_LENGTH_MAX) {
            throw ApiErrors.idempotencyKeyLength(key.length());
        }
        return withKey(request, operation);
    }

    private ApiResponse withoutKey(ApiRequest request, Operation operation) {
        String point = Operation.STARTED;
        JsonNode state = null;
        for (int phase = 0; phase < PHASES_MAX; phase++) {
            String from = point;
            JsonNode input = state;
            PhaseResult result = jdbi.inTransaction(h -> {
                RequestOrigin.bind(h, request);
                return phaseAt(operation, from).run(h, input);
            });
            switch (result) {
                case PhaseResult.Finish f -> {
                    return f.response();
                }
                case PhaseResult.Continue c -> {
                    point = c.recoveryPoint();
                    state = c.state();
                }
            }
        }
        throw new IllegalStateException("operation did not finish within " + PHASES_MAX + " phases");
    }

    /** Where the request stands after a transaction: done, or holding the key at a recovery point. */
    private sealed interface Step {
        record Done(ApiResponse response) implements Step {}

        record Next(String recoveryPoint, JsonNode state) implements Step {}
    }

    /** Carries an API error out of a phase's transaction so that the phase's writes roll back. */
    private static final class PhaseFailed extends RuntimeException {
        final ApiException error;

        PhaseFailed(ApiException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /**
     * Where this request believes the key stands: the owner and recovery point its next write
     * expects. A takeover rolled back with a failed phase leaves the row at {@code previousOwner}.
     */
    private static final class Attempt {
        String previousOwner;
        String previousPoint;
    }

    /** The first transaction lost a race with a duplicate that committed meanwhile; start over. */
    private static final class KeyRaced extends RuntimeException {
        KeyRaced() {
            super(null, null, false, false);
        }
    }

    private ApiResponse withKey(ApiRequest request, Operation operation) {
        byte[] fingerprint = fingerprint(request);
        long lockKey = lockKey(request.scope(), request.idempotencyKey());
        Attempt attempt = new Attempt();
        boolean holdsKey = false;
        try {
            Step step;
            try {
                step = jdbi.inTransaction(h -> begin(h, request, operation, fingerprint, lockKey, attempt));
            } catch (KeyRaced raced) {
                step = jdbi.inTransaction(h -> begin(h, request, operation, fingerprint, lockKey, attempt));
            }
            for (int phase = 1; step instanceof Step.Next next; phase++) {
                if (phase >= PHASES_MAX) {
                    throw new IllegalStateException("operation did not finish within " + PHASES_MAX + " phases");
                }
                holdsKey = true;
                attempt.previousOwner = request.requestId();
                attempt.previousPoint = next.recoveryPoint();
                step = jdbi.inTransaction(h -> resume(h, request, operation, lockKey, next));
            }
            return ((Step.Done) step).response();
        } catch (PhaseFailed failed) {
            try {
                return storeError(request, fingerprint, lockKey, failed.error, attempt);
            } catch (RuntimeException e) {
                if (holdsKey) {
                    releaseQuietly(request);
                }
                throw e;
            }
        } catch (RuntimeException e) {
            // A bug, not a crash: free the key at its last recovery point so a retry can resume at once.
            // (An Error such as OutOfMemoryError is treated like a crash: the lease runs out instead.)
            if (holdsKey) {
                releaseQuietly(request);
            }
            throw e;
        }
    }

    /** The first transaction: claim the key, then run the first phase or the one a crash left due. */
    private Step begin(Handle h, ApiRequest request, Operation operation, byte[] fingerprint, long lockKey,
            Attempt attempt) {
        RequestOrigin.bind(h, request);
        Scope scope = request.scope();
        String key = request.idempotencyKey();
        IdempotencyStore.Claim claim = store.claim(h, lockKey, scope, key);
        if (!claim.locked()) {
            throw ApiErrors.idempotencyKeyInUse(key);
        }
        long nowMs = clock.millis();
        if (claim.row().isEmpty()) {
            PhaseResult result = run(h, operation, Operation.STARTED, null);
            long created = nowMs / 1000;
            try {
                return switch (result) {
                    case PhaseResult.Finish f -> {
                        store.insert(h, scope, key, created, request.method(), request.path(), fingerprint,
                                request.requestId(), Operation.FINISHED, null, f.response().status(),
                                f.response().body(), null);
                        yield new Step.Done(f.response());
                    }
                    case PhaseResult.Continue c -> {
                        store.insert(h, scope, key, created, request.method(), request.path(), fingerprint,
                                request.requestId(), c.recoveryPoint(), nowMs, null, null, c.state());
                        yield new Step.Next(c.recoveryPoint(), c.state());
                    }
                };
            } catch (Sql.SqlFailure e) {
                if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw new KeyRaced();
                }
                throw e;
            }
        }
        IdempotencyStore.KeyRow row = claim.row().get();
        Step replay = replayOrReject(row, request, fingerprint, nowMs);
        if (replay != null) {
            return replay;
        }
        log.info("Idempotency key {} resumes at recovery point '{}' (left by request {})", key, row.recoveryPoint(),
                row.requestId());
        attempt.previousOwner = row.requestId();
        attempt.previousPoint = row.recoveryPoint();
        PhaseResult result = run(h, operation, row.recoveryPoint(), row.state());
        Step next = advance(h, request, row.requestId(), row.recoveryPoint(), result, nowMs);
        if (next == null) {
            // The claim's snapshot was older than the lock: another request moved the key meanwhile.
            // Roll this phase back and look again.
            throw new KeyRaced();
        }
        return next;
    }

    /**
     * Checks a key that exists already: a different request gets an error, a finished one its stored
     * response, one whose request still holds the lease a 409; null means the caller may resume it.
     */
    private Step replayOrReject(IdempotencyStore.KeyRow row, ApiRequest request, byte[] fingerprint, long nowMs) {
        String key = request.idempotencyKey();
        if (!row.method().equals(request.method()) || !row.path().equals(request.path())) {
            throw ApiErrors.idempotencyKeyOtherEndpoint(key, row.path(), request.path());
        }
        if (!Arrays.equals(row.requestSha256(), fingerprint)) {
            throw ApiErrors.idempotencyKeyReused(key);
        }
        if (Operation.FINISHED.equals(row.recoveryPoint())) {
            return new Step.Done(new ApiResponse(row.responseStatus(), row.responseBody(), row.requestId()));
        }
        if (row.lockedAtMs() != null && nowMs - row.lockedAtMs() < lease.toMillis()) {
            throw ApiErrors.idempotencyKeyInUse(key);
        }
        return null;
    }

    /** A later transaction of the same request: it must still own the key at the expected point. */
    private Step resume(Handle h, ApiRequest request, Operation operation, long lockKey, Step.Next next) {
        RequestOrigin.bind(h, request);
        store.lock(h, lockKey);
        var row = store.find(h, request.scope(), request.idempotencyKey()).orElseThrow(() ->
                new IllegalStateException("idempotency key vanished while its request held it"));
        if (!row.requestId().equals(request.requestId()) || !row.recoveryPoint().equals(next.recoveryPoint())) {
            // Our lease ran out and another request took the key over; it carries on from here.
            throw ApiErrors.idempotencyKeyInUse(request.idempotencyKey());
        }
        Step step = advance(h, request, request.requestId(), next.recoveryPoint(),
                run(h, operation, next.recoveryPoint(), next.state()), clock.millis());
        if (step == null) {
            throw ApiErrors.idempotencyKeyInUse(request.idempotencyKey());
        }
        return step;
    }

    /** Records a phase's result on the key, if the key is still where expected; null otherwise. */
    private Step advance(Handle h, ApiRequest request, String expectedOwner, String expectedPoint, PhaseResult result,
            long nowMs) {
        Scope scope = request.scope();
        String key = request.idempotencyKey();
        return switch (result) {
            case PhaseResult.Finish f -> store.advance(h, scope, key, expectedOwner, expectedPoint, request.requestId(),
                    Operation.FINISHED, null, f.response().status(), f.response().body(), null)
                    ? new Step.Done(f.response()) : null;
            case PhaseResult.Continue c -> store.advance(h, scope, key, expectedOwner, expectedPoint,
                    request.requestId(), c.recoveryPoint(), nowMs, null, null, c.state())
                    ? new Step.Next(c.recoveryPoint(), c.state()) : null;
        };
    }

    private static PhaseResult run(Handle h, Operation operation, String point, JsonNode state) {
        try {
            return phaseAt(operation, point).run(h, state);
        } catch (ApiException e) {
            throw new PhaseFailed(e);
        }
    }

    private static Operation.AtomicPhase phaseAt(Operation operation, String point) {
        Operation.AtomicPhase phase = operation.phases().get(point);
        if (phase == null) {
            throw new IllegalStateException("operation has no phase for recovery point '" + point + "'");
        }
        return phase;
    }

    /**
     * Records an error the endpoint returned once it had started executing, so that retries see the
     * same error. If another request got hold of the key meanwhile, its outcome wins.
     */
    private ApiResponse storeError(ApiRequest request, byte[] fingerprint, long lockKey, ApiException error,
            Attempt attempt) {
        ApiResponse response = ErrorJson.response(error);
        Scope scope = request.scope();
        String key = request.idempotencyKey();
        return jdbi.inTransaction(h -> {
            store.lock(h, lockKey);
            var existing = store.find(h, scope, key);
            if (existing.isEmpty()) {
                store.insert(h, scope, key, clock.millis() / 1000, request.method(), request.path(), fingerprint,
                        request.requestId(), Operation.FINISHED, null, response.status(), response.body(), null);
                return response;
            }
            IdempotencyStore.KeyRow row = existing.get();
            // The key is this request's if it owns it, or if it still shows the owner and point this
            // request took it over from (the takeover rolled back with the failed phase).
            boolean ours = row.requestId().equals(request.requestId())
                    || (row.requestId().equals(attempt.previousOwner)
                        && row.recoveryPoint().equals(attempt.previousPoint));
            if (!ours) {
                Step other = replayOrReject(row, request, fingerprint, clock.millis());
                if (other instanceof Step.Done done) {
                    return done.response();
                }
                throw ApiErrors.idempotencyKeyInUse(key);
            }
            store.advance(h, scope, key, row.requestId(), row.recoveryPoint(), request.requestId(),
                    Operation.FINISHED, null, response.status(), response.body(), null);
            return response;
        });
    }

    private void releaseQuietly(ApiRequest request) {
        try {
            jdbi.useTransaction(h -> store.release(h, request.scope(), request.idempotencyKey(), request.requestId()));
        } catch (RuntimeException e) {
            log.warn("Could not release idempotency key {} after a failure; its lease will expire",
                    request.idempotencyKey(), e);
        }
    }

    /** SHA-256 of the method, path and parameters (maps with sorted keys), binding a key to its request. */
    static byte[] fingerprint(ApiRequest request) {
        String canonical = request.method() + "\n" + request.path() + "\n" + Json.compact(request.params().tree());
        return sha256(canonical);
    }

    static long lockKey(Scope scope, String key) {
        byte[] digest = sha256(scope.accountId() + "\0" + scope.livemode() + "\0" + key);
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
