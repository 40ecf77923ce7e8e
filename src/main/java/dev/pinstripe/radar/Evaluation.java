package dev.pinstripe.radar;

import java.util.Arrays;

/**
 * Scores of labelled payments and what they measure: area under the precision-recall curve
 * (average precision), ROC AUC, and precision, recall and false-positive rate at a threshold.
 * Ties are handled exactly: payments with equal scores move together.
 */
public final class Evaluation {
    private final double[] scores;
    private final boolean[] fraud;
    private final int n;
    private final long positives;

    public Evaluation(double[] scores, boolean[] fraud, int n) {
        this.scores = scores;
        this.fraud = fraud;
        this.n = n;
        long p = 0;
        for (int i = 0; i < n; i++) {
            p += fraud[i] ? 1 : 0;
        }
        this.positives = p;
    }

    /** Indices sorted by score, highest first. */
    private Integer[] byScoreDescending() {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[b], scores[a]));
        return idx;
    }

    /** Average precision: the sum over thresholds of precision times the recall gained there. */
    public double auprc() {
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] idx = byScoreDescending();
        long tp = 0;
        long seen = 0;
        double ap = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            long tpGroup = 0;
            while (j < n && scores[idx[j]] == scores[idx[i]]) {
                tpGroup += fraud[idx[j]] ? 1 : 0;
                j++;
            }
            tp += tpGroup;
            seen += j - i;
            ap += (double) tpGroup / positives * ((double) tp / seen);
            i = j;
        }
        return ap;
    }

    /** The probability that a random fraud scores above a random legitimate payment (ties count half). */
    public double rocAuc() {
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] idx = byScoreDescending();
        double wins = 0;
        long negativesBelow = negatives;
        int i = 0;
        while (i < n) {
            int j = i;
            long pos = 0;
            long neg = 0;
            while (j < n && scores[idx[j]] == scores[idx[i]]) {
                if (fraud[idx[j]]) {
                    pos++;
                } else {
                    neg++;
                }
                j++;
            }
            negativesBelow -= neg;
            wins += pos * (negativesBelow + neg / 2.0);
            i = j;
        }
        return wins / ((double) positives * negatives);
    }

    /** Metrics at a threshold: a payment scoring {@code threshold} or more is blocked. */
    public ModelCard.Metrics at(double threshold) {
        long caught = 0;
        long blockedLegit = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] >= threshold) {
                if (fraud[i]) {
                    caught++;
                } else {
                    blockedLegit++;
                }
            }
        }
        long legit = n - positives;
        double precision = caught + blockedLegit == 0 ? Double.NaN : (double) caught / (caught + blockedLegit);
        double recall = positives == 0 ? Double.NaN : (double) caught / positives;
        double fpr = legit == 0 ? Double.NaN : (double) blockedLegit / legit;
        return new ModelCard.Metrics(n, positives, auprc(), rocAuc(), precision, recall, fpr, blockedLegit, caught);
    }

    /**
     * The lowest threshold at which at most {@code rate} of the legitimate payments score at or
     * above it: legitimate scores sorted, the threshold sits just above the one that would exceed it.
     */
    public static double thresholdForFalsePositiveRate(double[] scores, boolean[] fraud, int n, double rate) {
        double[] legit = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!fraud[i]) {
                legit[m++] = scores[i];
            }
        }
        if (m == 0) {
            return 0.5;
        }
        double[] sorted = Arrays.copyOf(legit, m);
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(rate * m);
        // The (allowed+1)-th highest legitimate score must fall below the threshold.
        double bar = sorted[m - 1 - Math.min(allowed, m - 1)];
        return Math.nextUp(bar);
    }
}
