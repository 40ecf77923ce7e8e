/**
 * The simulated card network: Stripe's documented test cards, card-data validation, fingerprints and
 * the issuer's answer to an authorization. Pure Java with no I/O, database or HTTP; callers inject time
 * and keys. See docs/test-cards.md.
 */
package dev.pinstripe.payments.network;
