package dev.pinstripe.loadgen;

import java.io.IOException;

/**
 * Performs operation number {@code sequence} (one request, or several in a row) and returns once
 * its last response is complete.
 */
@FunctionalInterface
public interface Exchange {

    Outcome perform(long sequence) throws IOException, InterruptedException;
}
