package dev.pinstripe.loadgen;

import java.io.IOException;

/** Sends request number {@code sequence} and returns once its response is complete. */
@FunctionalInterface
public interface Exchange {

    /** @return the HTTP status */
    int perform(long sequence) throws IOException, InterruptedException;
}
