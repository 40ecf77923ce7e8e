package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinstripe.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Training and evaluation on a slice of the Sparkov training data (24 cards, 27,651 payments, in
 * test resources): the same replay and features as the full run, small enough for the test suite.
 */
class RadarTrainingTest {
    @TempDir
    Path dir;

    static Path slice() throws URISyntaxException {
        return Path.of(RadarTrainingTest.class.getResource("/radar/sparkov-slice.csv.gz").toURI());
    }

    @Test
    void trainsAModelThatSeparatesFraudAndWritesItsCard() throws Exception {
        Path out = dir.resolve("model");
        StringWriter log = new StringWriter();
        RiskModel model = new RadarTrainer(Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC),
                new PrintWriter(log)).train(new RadarTrainer.Options(slice(), out, 120, 60, 4, 0.2,
                List.of("category"), 0.001, 0.01, 2, 7, 0.25, 0.25));

        assertThat(out.resolve(RiskModel.CARD_FILE)).exists();
        assertThat(out.resolve(RiskModel.BOOSTER_FILE)).exists();
        ModelCard card = RiskModel.load(out).card();
        assertThat(card.data().rows()).isEqualTo(27_651);
        assertThat(card.data().fraudRows()).isEqualTo(223);
        assertThat(card.data().trainRows() + card.data().holdoutRows()).isEqualTo(27_651);
        assertThat(card.data().cutoff()).isLessThan(card.data().lastTime());
        assertThat(card.features()).isEqualTo(model.extractor().names());
        assertThat(card.vocabularies().get("metadata.category")).contains("grocery_pos", "shopping_net");
        assertThat(card.elevatedProbability()).isLessThanOrEqualTo(card.blockProbability());
        assertThat(card.trainedAt()).isEqualTo("2026-11-22T00:00:00Z");
        // Even this small model ranks the held-out fraud far above chance (0.8% of payments).
        assertThat(card.holdout().auprc()).isGreaterThan(0.5);
        assertThat(card.holdout().rocAuc()).isGreaterThan(0.9);
        assertThat(log.toString()).contains("replayed 27,651 payments");

        // Evaluation replays the file through the same scoring and agrees on what it saw.
        RadarEvaluator.Report report = new RadarEvaluator(model).evaluate(slice(), null);
        assertThat(report.metrics().payments()).isEqualTo(27_651);
        assertThat(report.metrics().fraud()).isEqualTo(223);
        assertThat(report.metrics().auprc()).isGreaterThan(0.5);
        assertThat(report.latencyP99Micros()).isPositive();
        assertThat(report.latencyP50Micros()).isLessThanOrEqualTo(report.latencyP99Micros());
    }

    @Test
    void theCommandLinePrintsEveryMetricTheIssueAsksFor() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("radar", "evaluate", "--input", slice().toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("AUPRC", "ROC AUC", "precision", "recall", "false-positive rate",
                "scoring latency", "p50", "p99");
    }

    @Test
    void aFileOutOfTimeOrderIsRefusedWithTheRow() throws Exception {
        Path file = dir.resolve("unsorted.csv");
        List<String> lines = new java.util.ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(slice()))))) {
            for (int i = 0; i < 4; i++) {
                lines.add(in.readLine());
            }
        }
        // Header, then rows 3, 1, 2: row 2 of the data is earlier than row 1.
        Files.write(file, List.of(lines.get(0), lines.get(3), lines.get(1), lines.get(2)));
        assertThatThrownBy(() -> SparkovFile.forEach(file, p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2")
                .hasMessageContaining("sort the file by unix_time");
    }
}
