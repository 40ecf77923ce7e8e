package dev.pinstripe.api;

/**
 * The pagination parameters every list endpoint takes: {@code limit} (1 to 100, default 10),
 * {@code starting_after} or {@code ending_before} (an object ID), and {@code created} as an exact
 * value or a range ({@code created[gt|gte|lt|lte]}).
 */
public record ListRequest(int limit, String startingAfter, String endingBefore, CreatedFilter created) {
    public static final int LIMIT_DEFAULT = 10;
    public static final int LIMIT_MAX = 100;

    public static ListRequest parse(Params params) {
        long limit = params.integer("limit").orDefault((long) LIMIT_DEFAULT);
        if (limit < 1) {
            throw ApiErrors.limitTooSmall();
        }
        if (limit > LIMIT_MAX) {
            throw ApiErrors.limitTooLarge();
        }
        String startingAfter = params.string("starting_after", 5000).orNull();
        String endingBefore = params.string("ending_before", 5000).orNull();
        if (startingAfter != null && endingBefore != null) {
            throw ApiErrors.bothCursors();
        }
        return new ListRequest((int) limit, startingAfter, endingBefore, CreatedFilter.parse(params, "created"));
    }

    public boolean backwards() {
        return endingBefore != null;
    }

    public String cursor() {
        return startingAfter != null ? startingAfter : endingBefore;
    }

    /** Bounds on {@code created} (unix seconds); null where unbounded. */
    public record CreatedFilter(Long gt, Long gte, Long lt, Long lte) {
        public static final CreatedFilter NONE = new CreatedFilter(null, null, null, null);

        static CreatedFilter parse(Params params, String key) {
            if (!params.has(key)) {
                return NONE;
            }
            Object raw = params.tree().get(key);
            if (raw instanceof String) {
                Long exact = params.integer(key).orNull();
                return exact == null ? NONE : new CreatedFilter(null, exact, null, exact);
            }
            Params range = params.object(key).orNull();
            CreatedFilter filter = new CreatedFilter(range.integer("gt").orNull(), range.integer("gte").orNull(),
                    range.integer("lt").orNull(), range.integer("lte").orNull());
            range.rejectUnknown();
            return filter;
        }

        public boolean isEmpty() {
            return gt == null && gte == null && lt == null && lte == null;
        }
    }
}
