package dev.pinstripe.cli;

import dev.pinstripe.radar.ModelCard;
import dev.pinstripe.radar.RadarEvaluator;
import dev.pinstripe.radar.RadarTrainer;
import dev.pinstripe.radar.RiskModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "radar", mixinStandardHelpOptions = true, description = "Train and evaluate Radar's fraud model.",
        subcommands = {RadarCommand.Train.class, RadarCommand.Evaluate.class})
public final class RadarCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a model on a labelled Sparkov CSV file (plain or gzipped, sorted by unix_time). The"
                    + " last --holdout-days are held back: their first half sets the thresholds, the second half is"
                    + " measured. Writes model.json (the model card) and model.ubj to --output.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Labelled CSV file.")
        Path input;
        @Option(names = "--output", defaultValue = "radar-model", description = "Directory to write the model to"
                + " (default: ${DEFAULT-VALUE}).")
        Path output;
        @Option(names = "--holdout-days", defaultValue = "90", description = "Days at the end held back (default:"
                + " ${DEFAULT-VALUE}).")
        int holdoutDays;
        @Option(names = "--rounds", defaultValue = "300", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--max-depth", defaultValue = "6", description = "Tree depth (default: ${DEFAULT-VALUE}).")
        int maxDepth;
        @Option(names = "--eta", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
        double eta;
        @Option(names = "--metadata-input", split = ",", defaultValue = "category",
                description = "Metadata keys the model reads (default: ${DEFAULT-VALUE}).")
        List<String> metadataInputs;
        @Option(names = "--block-rate", defaultValue = "0.0005", description = "Share of legitimate payments the"
                + " block threshold may block, set on the held-out days (default: ${DEFAULT-VALUE}).")
        double blockRate;
        @Option(names = "--elevated-rate", defaultValue = "0.005", description = "Share of legitimate payments that"
                + " may score elevated or higher (default: ${DEFAULT-VALUE}).")
        double elevatedRate;
        @Option(names = "--threads", defaultValue = "2", description = "Training threads (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--missing-metadata-rate", defaultValue = "0.25", description = "Share of training payments"
                + " whose metadata features are blanked, so the model also scores payments without metadata"
                + " (default: ${DEFAULT-VALUE}).")
        double missingMetadataRate;
        @Option(names = "--missing-time-zone-rate", defaultValue = "0.25", description = "Share of training payments"
                + " whose time-of-day features are blanked, so the model also scores payments whose time zone is"
                + " unknown (default: ${DEFAULT-VALUE}).")
        double missingTimeZoneRate;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RiskModel model = new RadarTrainer(Clock.systemUTC(), out).train(new RadarTrainer.Options(input, output,
                    holdoutDays, rounds, maxDepth, eta, metadataInputs, blockRate, elevatedRate, threads, seed, missingMetadataRate,
                    missingTimeZoneRate));
            ModelCard card = model.card();
            out.printf("model written to %s%n", output.toAbsolutePath());
            out.printf("thresholds: elevated at p >= %.6f, block at p >= %.6f%n", card.elevatedProbability(),
                    card.blockProbability());
            printMetrics(out, "held-out (last half of the held-out days)", card.holdout());
            out.flush();
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Replay a labelled CSV file in time order through Radar's scoring and print AUPRC, ROC AUC,"
                    + " precision and recall at the block threshold, the false-positive rate and scoring latency.")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Labelled CSV file.")
        Path input;
        @Option(names = "--model", description = "Model directory (default: the model in the jar).")
        Path model;
        @Option(names = "--warm-up", description = "A file replayed first, unscored, to fill the histories.")
        Path warmUp;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RiskModel m = model == null ? RiskModel.bundled() : RiskModel.load(model);
            RadarEvaluator.Report r = new RadarEvaluator(m).evaluate(input, warmUp);
            printMetrics(out, input.getFileName().toString(), r.metrics());
            out.printf("block threshold: risk score >= %d (p >= %.6f)%n", RiskModel.HIGHEST_SCORE,
                    r.blockProbability());
            out.printf("scoring latency (features + model + score): p50 %.1f us, p99 %.1f us, max %.1f us%n",
                    r.latencyP50Micros(), r.latencyP99Micros(), r.latencyMaxMicros());
            out.flush();
            return 0;
        }
    }

    static void printMetrics(PrintWriter out, String what, ModelCard.Metrics m) {
        out.printf("%s: %,d payments, %,d fraud%n", what, m.payments(), m.fraud());
        out.printf("  AUPRC %.4f   ROC AUC %.4f%n", m.auprc(), m.rocAuc());
        out.printf("  at the block threshold: precision %.4f, recall %.4f (%,d of %,d fraud caught)%n", m.precision(),
                m.recall(), m.caughtFraud(), m.fraud());
        out.printf("  legitimate payments blocked: %,d of %,d (false-positive rate %.4f%%)%n", m.blockedLegitimate(),
                m.payments() - m.fraud(), 100 * m.falsePositiveRate());
    }
}
