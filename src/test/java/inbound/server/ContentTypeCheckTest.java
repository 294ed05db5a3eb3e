package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypeCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "text/plain; charset=\"utf-8\"",
            "application/json; ", "application/vnd.github+json", "multipart/form-data; boundary=\"a\\\"b\""})
    void shouldAcceptWhatProvidersSend(String contentType) {
        assertThat(ContentTypeCheck.isWellFormed(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; x=\"", "application/json; charset=\"utf-8", "*\\>]; =", "/json", "application/", "json",
            "application/json; charset", "application/json x", "appl ication/json", "application/json; a=b c", ""})
    void shouldRefuseWhatIsNotAMediaType(String contentType) {
        assertThat(ContentTypeCheck.isWellFormed(contentType)).isFalse();
    }
}
