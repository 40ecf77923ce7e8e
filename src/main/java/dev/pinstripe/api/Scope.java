package dev.pinstripe.api;

/** The account and mode every read and write is confined to. Test and live data never mix. */
public record Scope(String accountId, boolean livemode) {
    public Scope {
        if (accountId == null || !accountId.startsWith("acct_")) {
            throw new IllegalArgumentException("not an account id: " + accountId);
        }
    }
}
