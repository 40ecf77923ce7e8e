package dev.pinstripe.radar;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Sparkov transaction file (the Kaggle "Credit Card Transactions Fraud Detection" layout,
 * plain or gzipped) as payments, streaming, in file order. The mapping from its columns to a
 * payment is documented in docs/radar.md: the card number becomes a fingerprint (never kept), the
 * cardholder a customer with a billing address and location, merchant and category metadata, the
 * merchant's coordinates the merchant location, and {@code unix_time} the payment's time.
 */
public final class SparkovFile {
    /** The metadata keys a Sparkov payment carries. */
    public static final String CATEGORY = "category";
    public static final String MERCHANT = "merchant";

    private SparkovFile() {}

    /**
     * Calls {@code each} for every row, in file order. Fails with a message naming the row when the
     * file is not in time order or a row cannot be read.
     */
    public static long forEach(Path file, Consumer<LabelledPayment> each) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        long rows = 0;
        long previous = Long.MIN_VALUE;
        try (InputStream in = open(file);
             MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema)
                     .readValues(in)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                rows++;
                LabelledPayment p;
                try {
                    p = map(row);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + ": row " + rows + " cannot be read: " + e.getMessage(), e);
                }
                if (p.signals().time() < previous) {
                    throw new IllegalArgumentException(file + ": row " + rows + " is earlier than the row before it;"
                            + " sort the file by unix_time first");
                }
                previous = p.signals().time();
                each.accept(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rows;
    }

    static LabelledPayment map(Map<String, String> row) {
        long cents = new BigDecimal(required(row, "amt")).movePointRight(2).longValueExact();
        String number = required(row, "cc_num");
        String customer = "cus_" + digest(required(row, "first") + "|" + required(row, "last") + "|"
                + required(row, "dob") + "|" + required(row, "zip"));
        String address = required(row, "street") + ", " + required(row, "city") + ", " + required(row, "state") + " "
                + required(row, "zip");
        PaymentSignals s = new PaymentSignals(Long.parseLong(required(row, "unix_time")), cents, "usd", cents,
                "fp_" + digest(number), brand(number), "credit", "US", customer, null, null, null, address, "US",
                new PaymentSignals.Location(Double.parseDouble(required(row, "lat")),
                        Double.parseDouble(required(row, "long"))),
                new PaymentSignals.Location(Double.parseDouble(required(row, "merch_lat")),
                        Double.parseDouble(required(row, "merch_long"))),
                FeatureExtractor.WALL_CLOCK,
                Map.of(CATEGORY, required(row, "category"), MERCHANT, required(row, "merchant")), false);
        String label = required(row, "is_fraud");
        if (!label.equals("0") && !label.equals("1")) {
            throw new IllegalArgumentException("is_fraud must be 0 or 1, not " + label);
        }
        return new LabelledPayment(s, label.equals("1"));
    }

    /** The card brand of a number, from its prefix (IIN ranges). */
    static String brand(String number) {
        if (number.startsWith("4")) {
            return "visa";
        }
        if (number.startsWith("34") || number.startsWith("37")) {
            return "amex";
        }
        if (number.startsWith("35") || number.startsWith("2131") || number.startsWith("1800")) {
            return "jcb";
        }
        if (number.startsWith("30") || number.startsWith("36") || number.startsWith("38")) {
            return "diners";
        }
        if (number.startsWith("6")) {
            return "discover";
        }
        if (number.startsWith("5") || number.startsWith("2")) {
            return "mastercard";
        }
        return "unknown";
    }

    private static String required(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("column " + column + " is missing or empty");
        }
        return v;
    }

    private static String digest(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }
}
