package dev.pinstripe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {
    @Test
    void bracketsNestHashesAndEmptyBracketsAppendToArrays() {
        Map<String, Object> tree = FormDecoder.decode(
                "email=a%40b.com&metadata[k]=v&metadata[other]=w&expand[]=x&expand[]=y&address[city]=Paris");
        assertThat(tree).containsEntry("email", "a@b.com")
                .containsEntry("metadata", Map.of("k", "v", "other", "w"))
                .containsEntry("expand", List.of("x", "y"))
                .containsEntry("address", Map.of("city", "Paris"));
    }

    @Test
    void indexedKeysBecomeHashesThatParamsReadAsArrays() {
        Map<String, Object> tree = FormDecoder.decode("items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2");
        assertThat(tree.get("items")).isEqualTo(Map.of("0", Map.of("price", "p1", "quantity", "2"),
                "1", Map.of("price", "p2")));
        List<Params> items = Params.of(tree).objectList("items", 10).orNull();
        assertThat(items).hasSize(2);
        assertThat(items.get(1).string("price", 10).orNull()).isEqualTo("p2");
    }

    @Test
    void arraysOfHashesWithEmptyBracketsStartANewHashWhenAKeyRepeats() {
        Map<String, Object> tree = FormDecoder.decode("items[][price]=a&items[][qty]=1&items[][price]=b");
        assertThat(tree.get("items")).isEqualTo(List.of(Map.of("price", "a", "qty", "1"), Map.of("price", "b")));
    }

    @Test
    void emptyValuesAreKeptBecauseTheyMeanUnset() {
        assertThat(FormDecoder.decode("description=&metadata[k]=&x"))
                .containsEntry("description", "")
                .containsEntry("metadata", Map.of("k", ""))
                .containsEntry("x", "");
    }

    @Test
    void plusDecodesToASpaceAndPercentEscapesToUtf8() {
        assertThat(FormDecoder.decode("name=Jenny+Rosen&city=K%C3%B8benhavn"))
                .containsEntry("name", "Jenny Rosen").containsEntry("city", "København");
    }

    @Test
    void aRepeatedScalarKeepsTheLastValue() {
        assertThat(FormDecoder.decode("a=1&a=2")).containsEntry("a", "2");
    }

    @Test
    void unbalancedBracketsAreTakenLiterallySoTheyReportAsUnknownParameters() {
        assertThat(FormDecoder.decode("a[b=1")).containsEntry("a[b", "1");
    }

    @Test
    void badPercentEncodingIsAMalformedBody() {
        assertThatThrownBy(() -> FormDecoder.decode("a=%zz")).isInstanceOf(ApiException.class)
                .hasMessageContaining("could not be decoded");
    }

    @Test
    void nulCharactersAreRejectedBecausePostgresCannotStoreThem() {
        assertThatThrownBy(() -> FormDecoder.decode("name=a%00b")).isInstanceOf(ApiException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void aParameterThatIsBothPlainAndNestedIsRejected() {
        assertThatThrownBy(() -> FormDecoder.decode("metadata=x&metadata[k]=v")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).param()).isEqualTo("metadata"));
    }

    @Test
    void mixingArrayAndHashSyntaxIsRejected() {
        assertThatThrownBy(() -> FormDecoder.decode("a[]=1&a[k]=2")).isInstanceOf(ApiException.class)
                .hasMessage("Invalid hash");
    }

    @Test
    void nestingIsBounded() {
        String deep = "a" + "[b]".repeat(FormDecoder.DEPTH_MAX) + "=1";
        assertThatThrownBy(() -> FormDecoder.decode(deep)).isInstanceOf(ApiException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void theNumberOfParametersIsBounded() {
        String many = "a=1&".repeat(FormDecoder.PAIRS_MAX + 1);
        assertThatThrownBy(() -> FormDecoder.decode(many)).isInstanceOf(ApiException.class)
                .hasMessageContaining("more than");
    }
}
