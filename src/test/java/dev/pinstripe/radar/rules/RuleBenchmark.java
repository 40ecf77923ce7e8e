package dev.pinstripe.radar.rules;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of evaluating and of parsing rules. Run with
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath)" org.openjdk.jmh.Main
 * RuleBenchmark} (docs/performance.md, docs/radar-rules.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleBenchmark {

    private static final String TYPICAL = "Allow if :card_country: in ('US', 'CA') and :amount_in_usd: < 100";
    private static final String LARGE = "Block if :card_country: in ('US', 'CA') and :amount_in_usd: < 100"
            + " or ::customer_tier:: = 'fraudster' or :email: like '%@fraud%.com'"
            + " or :ip_country: in @blocked_countries or not :risk_score: <= 75"
            + " or is_missing(:email_domain:) and :is_anonymous_ip:";

    private Rule typical;
    private Rule large;
    private TestPayment allowed;
    private TestPayment unmatched;

    @Setup
    public void setUp() throws RuleSyntaxException {
        typical = TestCatalog.parse(TYPICAL);
        large = TestCatalog.parse(LARGE);
        allowed = TestPayment.payment().with("card_country", "ca").with("amount_in_usd", 42L);
        // Matches no part of the large rule, so every part is evaluated.
        unmatched = TestPayment.payment().with("card_country", "FR").with("amount_in_usd", 42L).with("email", "a@b.com")
                .with("ip_country", "FR").with("risk_score", 20).with("email_domain", "b.com")
                .with("is_anonymous_ip", false).withMetadata("customer_tier", "gold")
                .withList("blocked_countries", "RU");
    }

    @Benchmark
    public boolean matchTypicalRule() {
        return typical.matches(allowed);
    }

    @Benchmark
    public boolean matchLargeRuleReadingEveryPart() {
        return large.matches(unmatched);
    }

    @Benchmark
    public Rule parseLargeRule() throws RuleSyntaxException {
        return TestCatalog.parse(LARGE);
    }
}
