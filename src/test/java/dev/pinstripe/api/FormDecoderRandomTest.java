package dev.pinstripe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bodies, built from the characters that matter to the grammar, either decode or fail with
 * an {@link ApiException}: never another exception (which the server would turn into a 500). Reading
 * the decoded tree through {@link Params} the way resources do holds to the same rule. The seed is
 * printed on failure.
 */
class FormDecoderRandomTest {
    static final String ALPHABET = "ab0[]=&%+.~\u00e9\u20ac\u0000 ";
    static final int CASES = 20_000;

    @Test
    void randomBodiesDecodeOrFailWithAnApiError() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String body = randomBody(random);
            try {
                Map<String, Object> tree = FormDecoder.decode(body);
                readLikeAResource(Params.of(tree));
            } catch (ApiException expected) {
                assertThat(expected.status()).isBetween(400, 499);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", case " + i + ", body '" + body + "': " + e, e);
            }
        }
    }

    private static void readLikeAResource(Params p) {
        p.string("a", 10);
        p.integer("b");
        p.bool("ab");
        p.metadata();
        p.expand();
        p.stringList("a0", 10, 5);
        p.objectList("b0", 5);
        if (p.object("ba").orNull() instanceof Params nested) {
            nested.string("a", 10);
            nested.rejectUnknown();
        }
        ListRequest.parse(p);
        p.rejectUnknown();
    }

    private static String randomBody(Random random) {
        int length = random.nextInt(40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
