package dev.pinstripe.radar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What Radar remembers about one card, customer, email, IP address or billing address: when it was
 * first and last seen, and bucketed counts of payments, their amounts and declines over each
 * {@link Window}. Updating and reading are O(buckets), never a scan of past payments, and the state
 * stays a few hundred bytes however long the history. Not thread-safe: callers hold its monitor.
 */
public final class KeyHistory {
    private static final Window[] WINDOWS = Window.values();
    private static final int FORMAT = 1;
    /** Half-life of the running average amount. */
    static final double AVERAGE_HALF_LIFE_SECONDS = 7 * 86_400.0;

    private long firstSeen = -1;
    private long lastSeen = -1;
    private final long[][] bucketStart = new long[WINDOWS.length][];
    private final int[][] count = new int[WINDOWS.length][];
    private final long[][] sumCents = new long[WINDOWS.length][];
    private final int[][] declines = new int[WINDOWS.length][];
    private double averageAmount;
    private double averageWeight;
    private long averageTime = -1;

    public KeyHistory() {
        for (Window w : WINDOWS) {
            int n = w.buckets();
            bucketStart[w.ordinal()] = new long[n];
            java.util.Arrays.fill(bucketStart[w.ordinal()], Long.MIN_VALUE);
            count[w.ordinal()] = new int[n];
            sumCents[w.ordinal()] = new long[n];
            declines[w.ordinal()] = new int[n];
        }
    }

    public boolean seen() {
        return firstSeen >= 0;
    }

    /** Seconds since the first payment, or -1 when never seen. */
    public long secondsSinceFirstSeen(long now) {
        return firstSeen < 0 ? -1 : Math.max(0, now - firstSeen);
    }

    /** Seconds since the latest payment, or -1 when never seen. */
    public long secondsSinceLastSeen(long now) {
        return lastSeen < 0 ? -1 : Math.max(0, now - lastSeen);
    }

    /** Payments (approved or declined) in the window ending at {@code now}. */
    public int count(Window w, long now) {
        return (int) total(w, now, 0);
    }

    /** Their amount in US cents. */
    public long sumCents(Window w, long now) {
        return total(w, now, 1);
    }

    /** The declined ones among them. */
    public int declines(Window w, long now) {
        return (int) total(w, now, 2);
    }

    /** The running average amount in US dollars (half-life a week), or NaN before the first payment. */
    public double averageAmountUsd() {
        if (averageWeight <= 0) {
            return Double.NaN;
        }
        return averageAmount;
    }

    /** Records one payment attempt at {@code time} (seconds), of {@code cents} US cents. */
    public void record(long time, long cents, boolean declined) {
        if (firstSeen < 0 || time < firstSeen) {
            firstSeen = time;
        }
        lastSeen = Math.max(lastSeen, time);
        for (Window w : WINDOWS) {
            int i = w.ordinal();
            long start = Math.floorDiv(time, w.bucketSeconds()) * w.bucketSeconds();
            int slot = (int) Math.floorMod(start / w.bucketSeconds(), (long) w.buckets());
            if (bucketStart[i][slot] != start) {
                if (bucketStart[i][slot] > start) {
                    continue; // older than the ring remembers: too late to count
                }
                bucketStart[i][slot] = start;
                count[i][slot] = 0;
                sumCents[i][slot] = 0;
                declines[i][slot] = 0;
            }
            count[i][slot]++;
            sumCents[i][slot] += cents;
            if (declined) {
                declines[i][slot]++;
            }
        }
        double dollars = cents / 100.0;
        if (averageTime < 0) {
            averageAmount = dollars;
            averageWeight = 1;
        } else {
            averageWeight = averageWeight * decay(time - averageTime) + 1;
            averageAmount += (dollars - averageAmount) / averageWeight;
        }
        averageTime = Math.max(averageTime, time);
    }

    /** Adds another history's counts to this one (merging what several processes saw). */
    public void merge(KeyHistory other) {
        if (other.firstSeen >= 0 && (firstSeen < 0 || other.firstSeen < firstSeen)) {
            firstSeen = other.firstSeen;
        }
        lastSeen = Math.max(lastSeen, other.lastSeen);
        for (Window w : WINDOWS) {
            int i = w.ordinal();
            for (int s = 0; s < w.buckets(); s++) {
                long start = other.bucketStart[i][s];
                if (start == Long.MIN_VALUE || bucketStart[i][s] > start) {
                    continue;
                }
                if (bucketStart[i][s] < start) {
                    bucketStart[i][s] = start;
                    count[i][s] = 0;
                    sumCents[i][s] = 0;
                    declines[i][s] = 0;
                }
                count[i][s] += other.count[i][s];
                sumCents[i][s] += other.sumCents[i][s];
                declines[i][s] += other.declines[i][s];
            }
        }
        if (other.averageWeight > 0) {
            // Both averages decayed to the later time, then weighted by what is left of their weights.
            long time = Math.max(averageTime, other.averageTime);
            double mine = averageWeight * decay(time - averageTime);
            double theirs = other.averageWeight * decay(time - other.averageTime);
            averageAmount = (averageAmount * mine + other.averageAmount * theirs) / (mine + theirs);
            averageWeight = mine + theirs;
            averageTime = time;
        }
    }

    private static double decay(long seconds) {
        return Math.pow(0.5, Math.max(0, seconds) / AVERAGE_HALF_LIFE_SECONDS);
    }

    /** Payments in the last {@code seconds} (at most the window's length), to within one of {@code w}'s buckets. */
    public int count(Window w, long now, long seconds) {
        return (int) total(w, now, Math.min(seconds, w.seconds()), 0);
    }

    /** Their amount in US cents. */
    public long sumCents(Window w, long now, long seconds) {
        return total(w, now, Math.min(seconds, w.seconds()), 1);
    }

    private long total(Window w, long now, int what) {
        return total(w, now, w.seconds(), what);
    }

    private long total(Window w, long now, long seconds, int what) {
        int i = w.ordinal();
        long oldest = now - seconds;
        long sum = 0;
        for (int s = 0; s < w.buckets(); s++) {
            long start = bucketStart[i][s];
            if (start > oldest && start <= now) {
                sum += switch (what) {
                    case 0 -> count[i][s];
                    case 1 -> sumCents[i][s];
                    default -> declines[i][s];
                };
            }
        }
        return sum;
    }

    /** An independent copy (array copies, no encoding): what a reader may use outside the lock. */
    public KeyHistory copy() {
        KeyHistory c = new KeyHistory();
        c.firstSeen = firstSeen;
        c.lastSeen = lastSeen;
        c.averageAmount = averageAmount;
        c.averageWeight = averageWeight;
        c.averageTime = averageTime;
        for (int i = 0; i < WINDOWS.length; i++) {
            System.arraycopy(bucketStart[i], 0, c.bucketStart[i], 0, bucketStart[i].length);
            System.arraycopy(count[i], 0, c.count[i], 0, count[i].length);
            System.arraycopy(sumCents[i], 0, c.sumCents[i], 0, sumCents[i].length);
            System.arraycopy(declines[i], 0, c.declines[i], 0, declines[i].length);
        }
        return c;
    }

    /** A compact encoding for storage: only the buckets in use. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(firstSeen);
            out.writeLong(lastSeen);
            out.writeDouble(averageAmount);
            out.writeDouble(averageWeight);
            out.writeLong(averageTime);
            for (Window w : WINDOWS) {
                int i = w.ordinal();
                int used = 0;
                for (long start : bucketStart[i]) {
                    used += start == Long.MIN_VALUE ? 0 : 1;
                }
                out.writeShort(used);
                for (int s = 0; s < w.buckets(); s++) {
                    if (bucketStart[i][s] != Long.MIN_VALUE) {
                        out.writeShort(s);
                        out.writeLong(bucketStart[i][s]);
                        out.writeInt(count[i][s]);
                        out.writeLong(sumCents[i][s]);
                        out.writeInt(declines[i][s]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static KeyHistory fromBytes(byte[] data) {
        KeyHistory h = new KeyHistory();
        if (data == null || data.length == 0) {
            return h;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readByte();
            if (format != FORMAT) {
                return h; // an unknown format: start afresh rather than misread
            }
            h.firstSeen = in.readLong();
            h.lastSeen = in.readLong();
            h.averageAmount = in.readDouble();
            h.averageWeight = in.readDouble();
            h.averageTime = in.readLong();
            for (Window w : WINDOWS) {
                int i = w.ordinal();
                int used = in.readShort();
                for (int k = 0; k < used; k++) {
                    int s = in.readShort();
                    h.bucketStart[i][s] = in.readLong();
                    h.count[i][s] = in.readInt();
                    h.sumCents[i][s] = in.readLong();
                    h.declines[i][s] = in.readInt();
                }
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return new KeyHistory();
        }
        return h;
    }
}
