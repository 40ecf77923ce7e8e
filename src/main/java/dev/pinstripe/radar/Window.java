package dev.pinstripe.radar;

/**
 * The sliding windows Radar counts over. Each is kept as a ring of buckets, so a window's count is
 * exact to within one bucket: the oldest, partly covered bucket is left out.
 */
public enum Window {
    HOUR("hourly", 3_600, 300),
    DAY("daily", 86_400, 3_600),
    WEEK("weekly", 604_800, 21_600);

    private final String suffix;
    private final long seconds;
    private final long bucketSeconds;

    Window(String suffix, long seconds, long bucketSeconds) {
        this.suffix = suffix;
        this.seconds = seconds;
        this.bucketSeconds = bucketSeconds;
    }

    /** The suffix of Radar's rule attributes for this window ({@code _hourly}, {@code _daily}, {@code _weekly}). */
    public String suffix() {
        return suffix;
    }

    public long seconds() {
        return seconds;
    }

    long bucketSeconds() {
        return bucketSeconds;
    }

    int buckets() {
        return (int) (seconds / bucketSeconds);
    }
}
