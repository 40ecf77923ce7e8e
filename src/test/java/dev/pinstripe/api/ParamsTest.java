package dev.pinstripe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static Params params(String form) {
        return Params.of(FormDecoder.decode(form));
    }

    private static ApiException error(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void theFirstUnreadParameterIsReportedAsUnknownAtAnyDepth() {
        Params p = params("email=x&address[city]=c&address[planet]=mars");
        p.string("email", 10);
        Params address = p.object("address").orNull();
        address.string("city", 10);
        ApiException e = error(p::rejectUnknown);
        assertThat(e.code()).isEqualTo("parameter_unknown");
        assertThat(e.param()).isEqualTo("address[planet]");
        assertThat(e.getMessage()).isEqualTo("Received unknown parameter: address[planet]");
    }

    @Test
    void stringsDistinguishAbsentUnsetAndSet() {
        Params p = params("a=&b=x");
        assertThat(p.string("a", 5)).isInstanceOf(Patch.Unset.class);
        assertThat(p.string("b", 5)).isEqualTo(Patch.set("x"));
        assertThat(p.string("c", 5)).isInstanceOf(Patch.Absent.class);
    }

    @Test
    void tooLongStringsNameTheLimitAndTheParameter() {
        ApiException e = error(() -> params("phone=" + "1".repeat(21)).string("phone", 20));
        assertThat(e.param()).isEqualTo("phone");
        assertThat(e.getMessage()).contains("must be at most 20 characters");
    }

    @Test
    void integersAreValidatedWithStripesCode() {
        ApiException e = error(() -> params("limit=abc").integer("limit"));
        assertThat(e.code()).isEqualTo("parameter_invalid_integer");
        assertThat(e.getMessage()).isEqualTo("Invalid integer: abc");
        assertThat(params("n=-42").integer("n").orNull()).isEqualTo(-42L);
        assertThat(error(() -> params("n=99999999999999999999").integer("n")).code())
                .isEqualTo("parameter_invalid_integer");
    }

    @Test
    void booleansAcceptOnlyTrueAndFalse() {
        assertThat(params("b=true").bool("b").orNull()).isTrue();
        assertThat(error(() -> params("b=True").bool("b")).getMessage()).isEqualTo("Invalid boolean: True");
    }

    @Test
    void requiredParametersReportStripesMissingError() {
        ApiException e = error(() -> params("").requiredString("query", 10));
        assertThat(e.code()).isEqualTo("parameter_missing");
        assertThat(e.getMessage()).isEqualTo("Missing required param: query.");
    }

    @Test
    void metadataUpdatesSetRemoveAndClear() {
        Map<String, String> current = Map.of("a", "1", "b", "2");
        assertThat(Metadata.apply(current, params("metadata[b]=&metadata[c]=3").metadata()))
                .isEqualTo(Map.of("a", "1", "c", "3"));
        assertThat(Metadata.apply(current, params("metadata=").metadata())).isEmpty();
        assertThat(Metadata.apply(current, params("").metadata())).isEqualTo(current);
    }

    @Test
    void metadataLimitsAreStripes() {
        StringBuilder fiftyOne = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            fiftyOne.append("metadata[k").append(i).append("]=v&");
        }
        ApiException tooMany = error(() -> Metadata.apply(Map.of(), params(fiftyOne.toString()).metadata()));
        assertThat(tooMany.getMessage()).startsWith("Metadata can have up to 50 keys, but you've set 51.");
        assertThat(error(() -> params("metadata[" + "k".repeat(41) + "]=v").metadata()).getMessage())
                .contains("must be a string under 40 characters");
        assertThat(error(() -> params("metadata[k]=" + "v".repeat(501)).metadata()).getMessage())
                .contains("must be a string under 500 characters");
        assertThat(error(() -> params("metadata[k][nested]=v").metadata()).getMessage())
                .startsWith("Invalid value type");
    }

    @Test
    void listsAcceptIndexedAndBracketForms() {
        assertThat(params("expand[0]=a&expand[1]=b").expand()).containsExactly("a", "b");
        assertThat(params("expand[]=a&expand[]=b").expand()).containsExactly("a", "b");
        assertThat(error(() -> params("expand=a").expand()).getMessage()).isEqualTo("Invalid array");
    }
}
