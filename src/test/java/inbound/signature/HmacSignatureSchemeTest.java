package inbound.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HmacSignatureSchemeTest {

    private static final HmacSignatureScheme GITHUB =
            new HmacSignatureScheme("X-Hub-Signature-256", "HmacSHA256", HmacSignatureScheme.Encoding.HEX, "sha256=");
    private static final HmacSignatureScheme SHOPIFY =
            new HmacSignatureScheme("X-Shopify-Hmac-Sha256", "HmacSHA256", HmacSignatureScheme.Encoding.BASE64, null);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SignedRequest request(Map<String, String> headers, String body) {
        return new SignedRequest() {
            @Override
            public String header(String name) {
                return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
            }

            @Override
            public byte[] body() {
                return utf8(body);
            }
        };
    }

    @Test
    void shouldAcceptGitHubsDocumentedTestVector() {
        SignedRequest documented = request(
                Map.of("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"), "Hello, World!");

        assertThat(GITHUB.verify(documented, List.of(utf8("It's a Secret to Everybody")))).isTrue();
    }

    @Test
    void shouldProduceGitHubsDocumentedSignature() {
        assertThat(GITHUB.sign(utf8("Hello, World!"), utf8("It's a Secret to Everybody")))
                .containsEntry("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void shouldRefuseWhenOneByteOfTheBodyDiffers() {
        Map<String, String> headers = GITHUB.sign(utf8("Hello, World!"), utf8("s3cret"));

        assertThat(GITHUB.verify(request(headers, "Hello, World?"), List.of(utf8("s3cret")))).isFalse();
    }

    @Test
    void shouldAcceptEverySecretOfARotation() {
        Map<String, String> signedWithOld = SHOPIFY.sign(utf8("{}"), utf8("old"));
        Map<String, String> signedWithNew = SHOPIFY.sign(utf8("{}"), utf8("new"));
        List<byte[]> rotation = List.of(utf8("old"), utf8("new"));

        assertThat(SHOPIFY.verify(request(signedWithOld, "{}"), rotation)).isTrue();
        assertThat(SHOPIFY.verify(request(signedWithNew, "{}"), rotation)).isTrue();
        assertThat(SHOPIFY.verify(request(signedWithNew, "{}"), List.of(utf8("other")))).isFalse();
    }

    @Test
    void shouldRefuseMissingMalformedOrUnprefixedSignatures() {
        List<byte[]> secrets = List.of(utf8("s3cret"));
        String hex = GITHUB.sign(utf8("{}"), utf8("s3cret")).get("X-Hub-Signature-256").substring("sha256=".length());

        assertThat(GITHUB.verify(request(Map.of(), "{}"), secrets)).isFalse();
        assertThat(GITHUB.verify(request(Map.of("X-Hub-Signature-256", hex), "{}"), secrets)).isFalse();
        assertThat(GITHUB.verify(request(Map.of("X-Hub-Signature-256", "sha256=not-hex"), "{}"), secrets)).isFalse();
        assertThat(SHOPIFY.verify(request(Map.of("X-Shopify-Hmac-Sha256", "%%%"), "{}"), secrets)).isFalse();
    }

    @Test
    void shouldMatchShopifysBase64HeaderCaseInsensitively() {
        String signature = SHOPIFY.sign(utf8("{\"id\":1}"), utf8("s3cret")).get("X-Shopify-Hmac-Sha256");

        assertThat(SHOPIFY.verify(request(Map.of("x-shopify-hmac-sha256", signature), "{\"id\":1}"), List.of(utf8("s3cret")))).isTrue();
    }

    @Test
    void shouldNameTheUnsupportedAlgorithm() {
        assertThatThrownBy(() -> HmacSignatureScheme.macAlgorithmFor("md5")).hasMessageContaining("md5");
        assertThat(HmacSignatureScheme.macAlgorithmFor("SHA-512")).isEqualTo("HmacSHA512");
    }
}
