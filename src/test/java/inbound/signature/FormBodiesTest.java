package inbound.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FormBodiesTest {

    /** The regular expression the scanner replaced: right, but it recursed once per pair. */
    private static final Pattern FORMER = Pattern.compile("[^=&\\s]+=[^&\\s]*(&[^=&\\s]+=[^&\\s]*)*");

    @Test
    void shouldAcceptTheSameBodiesAsTheFormerExpressionForEveryShortBody() {
        for (String body : allStrings("a=& %2\t", 6)) {
            boolean former = FORMER.matcher(body).matches() && parses(body);
            assertThat(FormBodies.isWellFormed(body)).as("'%s'", body).isEqualTo(former);
        }
    }

    @Test
    void shouldReadAHundredThousandPairsWithoutOverflowingTheStack() {
        assertThat(FormBodies.isWellFormed("a=1&".repeat(100_000) + "a=1")).isTrue();
        assertThat(FormBodies.isWellFormed("a=&".repeat(100_000))).isFalse();
    }

    private static boolean parses(String body) {
        try {
            FormBodies.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return true;
        } catch (IllegalArgumentException badEscape) {
            return false;
        }
    }

    private static List<String> allStrings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}
