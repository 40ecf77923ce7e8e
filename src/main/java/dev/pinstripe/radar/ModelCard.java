package dev.pinstripe.radar;

import java.util.List;
import java.util.Map;

/**
 * What a model is and how it came to be, stored next to it ({@code model.json}): the features it
 * reads, their vocabularies, the thresholds that turn its probability into Radar's 0-99 score, the
 * data it was trained on and what it measured on the held-out months.
 *
 * @param elevatedProbability the probability that scores 65, the start of {@code elevated}
 * @param blockProbability    the probability that scores 75, the start of {@code highest}: the
 *                            default block threshold
 */
public record ModelCard(int format, String trainedAt, TrainingData data, Map<String, Object> parameters, int rounds,
        List<String> features, List<String> metadataInputs, Map<String, List<String>> vocabularies,
        double elevatedProbability, double blockProbability, Metrics holdout) {

    public static final int FORMAT = 1;

    /** The file a model was trained on, split by time at {@code cutoff} (epoch seconds). */
    public record TrainingData(String file, String sha256, long rows, long fraudRows, long firstTime, long lastTime,
            long cutoff, long trainRows, long holdoutRows) {}

    /** Metrics on labelled payments; precision, recall and false-positive rate at the block threshold. */
    public record Metrics(long payments, long fraud, double auprc, double rocAuc, double precision, double recall,
            double falsePositiveRate, long blockedLegitimate, long caughtFraud) {}
}
