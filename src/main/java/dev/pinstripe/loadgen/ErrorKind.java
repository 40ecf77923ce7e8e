package dev.pinstripe.loadgen;

public enum ErrorKind {
    /** No response within --timeout of being sent. */
    TIMEOUT,
    /** The connection could not be opened (refused, reset, or connect timeout). */
    CONNECT,
    /** Any other I/O failure after the request was sent. */
    IO,
    /** Never sent: no connection became free within --timeout of the intended start. */
    EXPIRED_BEFORE_SEND
}
