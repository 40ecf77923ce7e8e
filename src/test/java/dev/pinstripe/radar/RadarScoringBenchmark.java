package dev.pinstripe.radar;

import dev.pinstripe.radar.rules.Rule;
import dev.pinstripe.radar.rules.RuleContext;
import dev.pinstripe.radar.rules.RuleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of scoring one payment in process: features from its histories, the bundled model, the
 * 0-99 score, the rule attributes and five rules (Stripe's two defaults and three custom ones).
 * Histories are warmed with the first 20,000 payments of the test slice. Run with {@code java -cp
 * "target/test-classes:target/classes:$(cat target/test-classpath)" org.openjdk.jmh.Main
 * RadarScoringBenchmark} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RadarScoringBenchmark {
    private RiskModel model;
    private MemoryHistories histories;
    private List<PaymentSignals> payments;
    private List<Rule> rules;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = RiskModel.bundled();
        histories = new MemoryHistories();
        payments = new ArrayList<>();
        int[] seen = {0};
        SparkovFile.forEach(RadarTrainingTest.slice(), p -> {
            if (seen[0]++ < 20_000) {
                model.extractor().record(p.signals(), histories, false);
            } else {
                payments.add(p.signals());
            }
        });
        RuleParser parser = new RuleParser(RadarAttributes.CATALOG);
        rules = List.of(parser.parse("Block if :risk_level: = 'highest'"),
                parser.parse("Review if :risk_level: = 'elevated'"),
                parser.parse("Block if :total_charges_per_card_number_hourly: > 10"),
                parser.parse("Review if :amount_in_usd: > 1000 and :card_funding: = 'prepaid'"),
                parser.parse("Allow if :card_country: in ('US', 'CA') and :risk_score: < 20"));
    }

    @Benchmark
    public Object score() {
        PaymentSignals s = payments.get(next++ % payments.size());
        float[] f = model.extractor().extract(s, histories);
        int score = model.riskScore(model.probability(f));
        String level = RiskModel.riskLevel(score);
        Map<String, Object> attributes = RadarAttributes.of(s, histories, score, level);
        RuleContext ctx = new RuleContext() {
            @Override
            public Object attribute(String name) {
                return attributes.get(name);
            }

            @Override
            public String metadata(String key) {
                return s.metadata().get(key);
            }

            @Override
            public boolean inList(String alias, String value) {
                return false;
            }
        };
        int matched = 0;
        for (Rule r : rules) {
            matched += r.matches(ctx) ? 1 : 0;
        }
        return matched + level;
    }
}
