package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The metrics, on small cases worked out by hand. */
class EvaluationTest {

    @Test
    void perfectRankingScoresOne() {
        Evaluation e = new Evaluation(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {true, true, false, false}, 4);
        assertThat(e.auprc()).isEqualTo(1.0);
        assertThat(e.rocAuc()).isEqualTo(1.0);
    }

    @Test
    void averagePrecisionAndAucOfAMixedRanking() {
        // Ranked: fraud, legit, fraud, legit. AP = (1/2)(1/1) + (1/2)(2/3) = 0.8333.
        Evaluation e = new Evaluation(new double[] {0.9, 0.7, 0.5, 0.1}, new boolean[] {true, false, true, false}, 4);
        assertThat(e.auprc()).isCloseTo(5.0 / 6.0, within(1e-12));
        // Pairs (fraud above legit): 0.9>0.7, 0.9>0.1, 0.5>0.1 of 4 pairs.
        assertThat(e.rocAuc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void tiesMoveTogether() {
        Evaluation e = new Evaluation(new double[] {0.5, 0.5}, new boolean[] {true, false}, 2);
        assertThat(e.rocAuc()).isEqualTo(0.5);
        assertThat(e.auprc()).isEqualTo(0.5);
    }

    @Test
    void metricsAtAThreshold() {
        Evaluation e = new Evaluation(new double[] {0.9, 0.7, 0.5, 0.1}, new boolean[] {true, false, true, false}, 4);
        ModelCard.Metrics m = e.at(0.6);
        assertThat(m.caughtFraud()).isEqualTo(1);
        assertThat(m.blockedLegitimate()).isEqualTo(1);
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.recall()).isEqualTo(0.5);
        assertThat(m.falsePositiveRate()).isEqualTo(0.5);
    }

    @Test
    void thresholdForARateBlocksAtMostThatShareOfLegitimatePayments() {
        double[] scores = new double[1000];
        boolean[] fraud = new boolean[1000];
        for (int i = 0; i < 1000; i++) {
            scores[i] = i / 1000.0;
        }
        double t = Evaluation.thresholdForFalsePositiveRate(scores, fraud, 1000, 0.005);
        long blocked = java.util.Arrays.stream(scores).filter(s -> s >= t).count();
        assertThat(blocked).isEqualTo(5);
    }

    @Test
    void scoreMapsThresholdsToStripesLevelBoundaries() {
        assertThat(RiskModel.score(0.0, 0.1, 0.4)).isZero();
        assertThat(RiskModel.score(Math.nextDown(0.1), 0.1, 0.4)).isEqualTo(64);
        assertThat(RiskModel.score(0.1, 0.1, 0.4)).isEqualTo(65);
        assertThat(RiskModel.score(Math.nextDown(0.4), 0.1, 0.4)).isEqualTo(74);
        assertThat(RiskModel.score(0.4, 0.1, 0.4)).isEqualTo(75);
        assertThat(RiskModel.score(1.0, 0.1, 0.4)).isEqualTo(99);
        assertThat(RiskModel.riskLevel(64)).isEqualTo("normal");
        assertThat(RiskModel.riskLevel(65)).isEqualTo("elevated");
        assertThat(RiskModel.riskLevel(75)).isEqualTo("highest");
    }
}
