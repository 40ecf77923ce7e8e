package dev.pinstripe.radar;

/** A payment from a labelled dataset: its signals and whether it was fraud. */
public record LabelledPayment(PaymentSignals signals, boolean fraud) {}
