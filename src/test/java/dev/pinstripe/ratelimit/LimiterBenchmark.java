package dev.pinstripe.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one limiter decision (admit and release), in process and with Redis. Run with
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath)" org.openjdk.jmh.Main
 * LimiterBenchmark} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LimiterBenchmark {
    /** "local", or a Redis URL. */
    @Param({"local", "redis://127.0.0.1:6379"})
    public String mode;

    private Limiters limiters;
    private RequestTraits traits;

    @Setup(Level.Trial)
    public void setUp() {
        // Rates so high that no decision is a rejection: the benchmark measures the decision itself.
        LimitSettings s = LimitSettings.defaults();
        LimitSettings.Rates huge = new LimitSettings.Rates(LimitSettings.RATE_LIMIT, LimitSettings.RATE_LIMIT,
                LimitSettings.RATE_LIMIT);
        LimitSettings settings = new LimitSettings(true, mode.equals("local") ? null : mode,
                "pinstripe-bench:" + System.nanoTime() + ":", s.redisTimeout(), s.redisProbeInterval(), huge, huge,
                LimitSettings.RATE_LIMIT, 0, LimitSettings.IN_FLIGHT_LIMIT, LimitSettings.IN_FLIGHT_LIMIT,
                s.fleetReservePercent(), LimitSettings.IN_FLIGHT_LIMIT);
        limiters = new Limiters(settings, Clock.systemUTC());
        traits = RequestTraits.of("acct_bench", false, "GET /v1/customers", null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        limiters.close();
    }

    @Benchmark
    public Object admitAndRelease() {
        Admission a = limiters.admit(traits);
        if (a instanceof Admission.Admitted admitted) {
            admitted.release().run();
        }
        return a;
    }
}
