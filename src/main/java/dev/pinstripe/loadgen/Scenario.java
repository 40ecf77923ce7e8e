package dev.pinstripe.loadgen;

/** What request number {@code sequence} of a run is. Called concurrently from many threads. */
public sealed interface Scenario permits CustomersCreate, CustomersRetrieve, CustomersList {

    RequestSpec request(long sequence);
}
