package dev.pinstripe.radar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Replays a labelled file in time order through the server's scoring path (features from the
 * histories, the model, the score) and measures it: the metrics of {@link Evaluation} at the
 * model's block threshold, and the time each payment took to score. An optional warm-up file is
 * replayed first, unscored, so that histories start as a running server's would.
 */
public final class RadarEvaluator {

    /** What an evaluation measured; latencies in microseconds. */
    public record Report(ModelCard.Metrics metrics, double blockProbability, double latencyP50Micros,
            double latencyP99Micros, double latencyMaxMicros) {}

    private final RiskModel model;

    public RadarEvaluator(RiskModel model) {
        this.model = model;
    }

    public Report evaluate(Path input, Path warmUp) throws IOException {
        MemoryHistories histories = new MemoryHistories();
        FeatureExtractor extractor = model.extractor();
        if (warmUp != null) {
            SparkovFile.forEach(warmUp, p -> extractor.record(p.signals(), histories, false));
        }
        Scores scores = new Scores();
        SparkovFile.forEach(input, p -> {
            long start = System.nanoTime();
            float[] f = extractor.extract(p.signals(), histories);
            double probability = model.probability(f);
            long took = System.nanoTime() - start;
            extractor.record(p.signals(), histories, false);
            scores.add(probability, p.fraud(), took);
        });
        Evaluation evaluation = new Evaluation(scores.probabilities, scores.fraud, scores.size);
        ModelCard.Metrics metrics = evaluation.at(model.card().blockProbability());
        long[] latencies = Arrays.copyOf(scores.nanos, scores.size);
        Arrays.sort(latencies);
        return new Report(metrics, model.card().blockProbability(), percentile(latencies, 0.50) / 1000.0,
                percentile(latencies, 0.99) / 1000.0, latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static final class Scores {
        double[] probabilities = new double[1024];
        boolean[] fraud = new boolean[1024];
        long[] nanos = new long[1024];
        int size;

        void add(double probability, boolean isFraud, long took) {
            if (size == fraud.length) {
                probabilities = Arrays.copyOf(probabilities, size * 2);
                fraud = Arrays.copyOf(fraud, size * 2);
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            probabilities[size] = probability;
            fraud[size] = isFraud;
            nanos[size++] = took;
        }
    }
}
