package dev.pinstripe.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.pinstripe.accounts.AccountService;
import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.ApiRequest;
import dev.pinstripe.api.ApiResponse;
import dev.pinstripe.api.Expansions;
import dev.pinstripe.api.FormDecoder;
import dev.pinstripe.api.Operation;
import dev.pinstripe.api.Operation.PhaseResult;
import dev.pinstripe.api.Params;
import dev.pinstripe.api.Scope;
import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.testing.ManualClock;
import dev.pinstripe.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per recovery point of an idempotent request, on a real database, with a two-phase
 * operation: "started" records effect A, then "a_recorded" records effect B and responds. A crash
 * is simulated by an Error escaping a phase: the process "dies" there, no cleanup runs.
 */
class IdempotencyServiceTest {
    static final Duration LEASE = Duration.ofSeconds(60);

    TestDatabases.TestDatabase database;
    Pinstripe.Storage storage;
    Jdbi jdbi;
    ManualClock clock = ManualClock.atTheStartOf2026();
    IdempotencyService service;
    Scope scope;

    /** Thrown to stop a request dead, as kill -9 would. */
    static final class SimulatedCrash extends Error {}

    @BeforeEach
    void setUp() {
        database = TestDatabases.create();
        Settings d = Settings.defaults();
        storage = Pinstripe.openStorage(new Settings(d.host(), 0, Path.of("unused"), database.url(), null, false, 4,
                d.bodyBytesMax(), d.idempotencyRetention(), LEASE, false, d.webhooks(), false,
                d.requestLogRetention(), d.limits(), true, null));
        jdbi = storage.database().jdbi();
        jdbi.useHandle(h -> h.execute("CREATE TABLE effects (request_key text, effect text)"));
        service = new IdempotencyService(jdbi, clock, LEASE);
        scope = new Scope(new AccountService(jdbi, clock, false).createAccount(AccountService.Origin.TEST, null)
                .accountId(), false);
    }

    @AfterEach
    void tearDown() {
        storage.close();
        database.close();
    }

    ApiRequest request(String key, String form) {
        return request(scope, key, "/v1/things", form);
    }

    ApiRequest request(Scope s, String key, String path, String form) {
        return new ApiRequest(Ids.requestId(), "POST", path, s, "2026-10-28.endive", key,
                Params.of(FormDecoder.decode(form)), Map.of(), service, new Expansions());
    }

    static void effect(Handle h, String key, String effect) {
        h.execute("INSERT INTO effects VALUES (?, ?)", key, effect);
    }

    List<String> effects(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT effect FROM effects WHERE request_key = ? ORDER BY effect")
                .bind(0, key).mapTo(String.class).list());
    }

    /** Started -> a_recorded -> finished; the hooks decide whether a phase crashes or fails. */
    Operation twoPhases(String key, Runnable beforeA, Runnable beforeB) {
        return new Operation(Map.of(
                Operation.STARTED, (h, state) -> {
                    effect(h, key, "A");
                    beforeA.run();
                    return new PhaseResult.Continue("a_recorded", IntNode.valueOf(7));
                },
                "a_recorded", (h, state) -> {
                    effect(h, key, "B" + state.asInt());
                    beforeB.run();
                    return new PhaseResult.Finish(ApiResponse.of(200, "{\"done\": true}"));
                }));
    }

    static Runnable crashOnce(AtomicInteger calls) {
        return () -> {
            if (calls.getAndIncrement() == 0) {
                throw new SimulatedCrash();
            }
        };
    }

    static final Runnable NOTHING = () -> { };

    @Test
    void aCrashInsideTheFirstPhaseLeavesNothingAndTheRetryRunsAfresh() {
        AtomicInteger calls = new AtomicInteger();
        Operation op = twoPhases("k1", crashOnce(calls), NOTHING);
        assertThatThrownBy(() -> service.execute(request("k1", "a=1"), op)).isInstanceOf(SimulatedCrash.class);
        assertThat(effects("k1")).isEmpty();

        ApiResponse retry = service.execute(request("k1", "a=1"), op);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(effects("k1")).containsExactly("A", "B7");
    }

    @Test
    void aCrashAfterTheFirstRecoveryPointResumesThereOnceTheLeaseRunsOut() {
        AtomicInteger calls = new AtomicInteger();
        Operation op = twoPhases("k2", NOTHING, crashOnce(calls));
        assertThatThrownBy(() -> service.execute(request("k2", "a=1"), op)).isInstanceOf(SimulatedCrash.class);
        assertThat(effects("k2")).containsExactly("A");

        assertThatThrownBy(() -> service.execute(request("k2", "a=1"), op))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("idempotency_key_in_use");
                });

        clock.advance(LEASE.plusSeconds(1));
        ApiResponse resumed = service.execute(request("k2", "a=1"), op);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(effects("k2")).as("phase one is not repeated; its state reaches phase two").containsExactly("A", "B7");
    }

    @Test
    void aBugInALaterPhaseFreesTheKeySoARetryResumesAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        Operation op = twoPhases("k3", NOTHING, () -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("bug");
            }
        });
        assertThatThrownBy(() -> service.execute(request("k3", "a=1"), op)).isInstanceOf(IllegalStateException.class);
        assertThat(service.execute(request("k3", "a=1"), op).status()).isEqualTo(200);
        assertThat(effects("k3")).containsExactly("A", "B7");
    }

    @Test
    void anErrorInAPhaseResumedAfterATakeoverIsStoredAndReplayed() {
        AtomicInteger phaseTwoRuns = new AtomicInteger();
        Operation op = twoPhases("k10", NOTHING, () -> {
            if (phaseTwoRuns.getAndIncrement() == 0) {
                throw new SimulatedCrash();
            }
            throw ApiErrors.resourceMissing("customer", "cus_gone", "customer");
        });
        assertThatThrownBy(() -> service.execute(request("k10", "a=1"), op)).isInstanceOf(SimulatedCrash.class);
        clock.advance(LEASE.plusSeconds(1));

        ApiResponse takenOver = service.execute(request("k10", "a=1"), op);
        assertThat(takenOver.status()).isEqualTo(404);
        ApiResponse replay = service.execute(request("k10", "a=1"), op);
        assertThat(replay.status()).isEqualTo(404);
        assertThat(replay.body()).isEqualTo(takenOver.body());
        assertThat(phaseTwoRuns).as("the stored error is replayed, phase two is not run again").hasValue(2);
        assertThat(effects("k10")).containsExactly("A");
    }

    @Test
    void aKeyIsOnlyAdvancedFromWhereTheWritingTransactionExpectsIt() {
        AtomicInteger calls = new AtomicInteger();
        Operation op = twoPhases("k11", NOTHING, crashOnce(calls));
        ApiRequest first = request("k11", "a=1");
        assertThatThrownBy(() -> service.execute(first, op)).isInstanceOf(SimulatedCrash.class);
        IdempotencyStore store = new IdempotencyStore();
        boolean staleOwner = jdbi.inTransaction(h -> store.advance(h, scope, "k11", "req_someoneelse", "a_recorded",
                "req_stale", Operation.FINISHED, null, 200, "{}", null));
        boolean stalePoint = jdbi.inTransaction(h -> store.advance(h, scope, "k11", first.requestId(),
                Operation.STARTED, "req_stale", Operation.FINISHED, null, 200, "{}", null));
        assertThat(staleOwner).isFalse();
        assertThat(stalePoint).isFalse();
        assertThat(jdbi.withHandle(h -> store.find(h, scope, "k11")).orElseThrow().recoveryPoint())
                .isEqualTo("a_recorded");
    }

    @Test
    void aFinishedKeyReplaysTheSameStatusAndBodyWithoutRunningAgain() {
        Operation op = twoPhases("k4", NOTHING, NOTHING);
        ApiRequest first = request("k4", "a=1");
        ApiResponse original = service.execute(first, op);
        ApiResponse replay = service.execute(request("k4", "a=1"), op);
        assertThat(replay.status()).isEqualTo(original.status());
        assertThat(replay.body()).isEqualTo(original.body());
        assertThat(replay.replayOf()).isEqualTo(first.requestId());
        assertThat(effects("k4")).containsExactly("A", "B7");
    }

    @Test
    void anErrorOnceExecutionStartedIsStoredAndReplayedAndItsPhaseRolledBack() {
        AtomicInteger runs = new AtomicInteger();
        Operation failing = Operation.single(h -> {
            runs.incrementAndGet();
            effect(h, "k5", "written-then-rolled-back");
            throw ApiErrors.resourceMissing("customer", "cus_x", "id");
        });
        ApiResponse first = service.execute(request("k5", "a=1"), failing);
        assertThat(first.status()).isEqualTo(404);
        assertThat(first.body()).contains("No such customer: 'cus_x'");
        ApiResponse replay = service.execute(request("k5", "a=1"), failing);
        assertThat(replay.status()).isEqualTo(404);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(runs).hasValue(1);
        assertThat(effects("k5")).isEmpty();
    }

    @Test
    void anErrorInALaterPhaseIsStoredWhileEarlierPhasesStayCommitted() {
        Operation op = twoPhases("k6", NOTHING, () -> {
            throw ApiErrors.invalidValue("amount", "declined");
        });
        ApiResponse first = service.execute(request("k6", "a=1"), op);
        assertThat(first.status()).isEqualTo(400);
        assertThat(effects("k6")).containsExactly("A");
        assertThat(service.execute(request("k6", "a=1"), op).body()).isEqualTo(first.body());
    }

    @Test
    void theSameKeyWithOtherParametersIsAnIdempotencyError() {
        service.execute(request("k7", "a=1"), twoPhases("k7", NOTHING, NOTHING));
        assertThatThrownBy(() -> service.execute(request("k7", "a=2"), twoPhases("k7", NOTHING, NOTHING)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("idempotency_error");
                    assertThat(e.getMessage()).contains("same parameters").contains("'k7'");
                });
    }

    @Test
    void parameterOrderDoesNotMakeADifferentRequest() {
        service.execute(request("k8", "a=1&b=2"), twoPhases("k8", NOTHING, NOTHING));
        assertThat(service.execute(request("k8", "b=2&a=1"), twoPhases("k8", NOTHING, NOTHING)).replayOf()).isNotNull();
    }

    @Test
    void theSameKeyOnAnotherEndpointIsAnIdempotencyError() {
        service.execute(request(scope, "k9", "/v1/things", "a=1"), twoPhases("k9", NOTHING, NOTHING));
        assertThatThrownBy(() -> service.execute(request(scope, "k9", "/v1/other", "a=1"),
                twoPhases("k9", NOTHING, NOTHING)))
                .isInstanceOfSatisfying(ApiException.class, e ->
                        assertThat(e.getMessage()).contains("same endpoint"));
    }

    @Test
    void keysAreScopedToTheAccountAndTheMode() {
        Scope live = new Scope(scope.accountId(), true);
        service.execute(request(scope, "shared", "/v1/things", "a=1"), twoPhases("test", NOTHING, NOTHING));
        ApiResponse inLive = service.execute(request(live, "shared", "/v1/things", "a=1"),
                twoPhases("live", NOTHING, NOTHING));
        assertThat(inLive.replayOf()).isNull();
        assertThat(effects("live")).containsExactly("A", "B7");
    }

    @Test
    void requestsWithoutAKeyRunEveryTime() {
        Operation op = twoPhases("nokey", NOTHING, NOTHING);
        service.execute(request(null, "a=1"), op);
        service.execute(request(null, "a=1"), op);
        assertThat(effects("nokey")).containsExactly("A", "A", "B7", "B7");
    }

    @Test
    void keysLongerThan255CharactersAreRejected() {
        assertThatThrownBy(() -> service.execute(request("x".repeat(256), "a=1"), twoPhases("long", NOTHING, NOTHING)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(service.execute(request("x".repeat(255), "a=1"), twoPhases("long", NOTHING, NOTHING)).status())
                .isEqualTo(200);
    }

    @Test
    void theReaperDeletesKeysOlderThanTheRetentionSoTheyCanBeReused() {
        service.execute(request("old", "a=1"), twoPhases("old", NOTHING, NOTHING));
        IdempotencyReaper reaper = new IdempotencyReaper(jdbi, clock, Duration.ofHours(24));
        clock.advance(Duration.ofHours(23));
        assertThat(reaper.reap()).isZero();
        assertThat(service.execute(request("old", "a=1"), twoPhases("old", NOTHING, NOTHING)).replayOf()).isNotNull();
        clock.advance(Duration.ofHours(2));
        assertThat(reaper.reap()).isEqualTo(1);
        assertThat(service.execute(request("old", "a=2"), twoPhases("old", NOTHING, NOTHING)).replayOf()).isNull();
    }

    @Test
    void theReaperRefusesARetentionShorterThanStripes24Hours() {
        assertThatThrownBy(() -> new IdempotencyReaper(jdbi, clock, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
