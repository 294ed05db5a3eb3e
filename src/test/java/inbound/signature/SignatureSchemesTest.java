package inbound.signature;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.provider.ProviderDefinition;
import inbound.support.Sha256;
import inbound.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped provider's scheme, as the shipped provider file defines it, against documented vectors and its rules. */
class SignatureSchemesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String FORM = "application/x-www-form-urlencoded";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SignatureScheme scheme(String provider, Instant now) {
        ProviderDefinition definition = Webhooks.shippedCatalog(Clock.fixed(now, ZoneOffset.UTC)).find(provider).orElseThrow();
        return definition.signature();
    }

    private static SignedRequest request(Map<String, String> headers, String query, byte[] body) {
        return SignedRequest.of(headers, query, body);
    }

    private static boolean verifies(SignatureScheme scheme, Map<String, String> headers, String query, byte[] body, String... secrets) {
        return scheme.verify(request(headers, query, body), Stream.of(secrets).map(SignatureSchemesTest::utf8).toList()).verified();
    }

    @Test
    void shouldAcceptGitHubsDocumentedVector() {
        assertThat(verifies(scheme("github", NOW),
                Map.of("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
                null, utf8("Hello, World!"), "It's a Secret to Everybody")).isTrue();
    }

    @Test
    void shouldAcceptTheStandardWebhooksDocumentedVector() {
        Map<String, String> headers = Map.of(
                "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        Map<String, String> svixNames = Map.of(
                "svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "svix-timestamp", "1614265330",
                "svix-signature", "v0,bm90IGEgc2lnbmF0dXJl v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        SignatureScheme scheme = scheme("standard-webhooks", Instant.ofEpochSecond(1614265330));

        assertThat(verifies(scheme, headers, null, utf8("{\"test\": 2432232314}"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isTrue();
        assertThat(verifies(scheme, svixNames, null, utf8("{\"test\": 2432232314}"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isTrue();
    }

    @Test
    void shouldAcceptSlacksDocumentedExample() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        Map<String, String> headers = Map.of(
                "X-Slack-Request-Timestamp", "1531420618",
                "X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                "Content-Type", FORM);

        assertThat(verifies(scheme("slack", Instant.ofEpochSecond(1531420618)), headers, null, utf8(body), "8f742231b10e8888abcd99yyyzzz85a5")).isTrue();
    }

    @Test
    void shouldAcceptTwiliosDocumentedExample() {
        SignatureScheme twilio = new TwilioSignatureScheme("X-Twilio-Signature", "https://mycompany.com/myapp.php");
        byte[] form = utf8("CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212");
        Map<String, String> headers = Map.of("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "Content-Type", FORM);

        assertThat(verifies(twilio, headers, "foo=1&bar=2", form, "12345")).isTrue();
        assertThat(verifies(twilio, headers, "foo=1&bar=3", form, "12345")).isFalse();
    }

    @Test
    void shouldCheckTwiliosBodyHashForJsonBodies() {
        SignatureScheme twilio = scheme("twilio", NOW);
        byte[] json = utf8("{\"event\": \"message.delivered\"}");
        String query = "bodySHA256=" + Sha256.hex(json);
        Map<String, String> headers = new HashMap<>(twilio.sign(json, query, utf8("token"), NOW));
        headers.put("Content-Type", "application/json");

        assertThat(verifies(twilio, headers, query, json, "token")).isTrue();
        assertThat(verifies(twilio, headers, query, utf8("{\"event\": \"message.failed\"}"), "token")).isFalse();
        assertThat(verifies(new TwilioSignatureScheme("X-Twilio-Signature", null), headers, query, json, "token")).isFalse();
    }

    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("shopify", "application/json", "{\"id\": 1, \"note\": \"caf\u00e9\"}"),
                Arguments.of("github", "application/json", "{\"zen\": \"Keep it simple.\"}"),
                Arguments.of("stripe", "application/json", "{\"id\": \"evt_1\", \"type\": \"charge.succeeded\"}"),
                Arguments.of("standard-webhooks", "application/json", "{\"type\": \"invoice.paid\"}"),
                Arguments.of("slack", "application/json", "{\"type\": \"event_callback\", \"team_id\": \"T1\"}"),
                Arguments.of("twilio", FORM, "MessageSid=SM1&From=%2B15551234567&Body=Hello+there"));
    }

    private static String secretFor(String provider, String name) {
        return provider.equals("standard-webhooks") ? "whsec_" + Base64.getEncoder().encodeToString(utf8(name)) : name;
    }

    private static Map<String, String> signed(String provider, String contentType, byte[] body, String secret) {
        Map<String, String> headers = new HashMap<>(scheme(provider, NOW).sign(body, null, utf8(secret), NOW));
        headers.put("Content-Type", contentType);
        return headers;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void shouldVerifyWhatItSignsWithEverySecretOfARotation(String provider, String contentType, String text) {
        byte[] body = utf8(text);
        String oldSecret = secretFor(provider, "old-secret");
        String newSecret = secretFor(provider, "new-secret");

        assertThat(verifies(scheme(provider, NOW), signed(provider, contentType, body, oldSecret), null, body, oldSecret, newSecret)).isTrue();
        assertThat(verifies(scheme(provider, NOW), signed(provider, contentType, body, newSecret), null, body, oldSecret, newSecret)).isTrue();
        assertThat(verifies(scheme(provider, NOW), signed(provider, contentType, body, newSecret), null, body, secretFor(provider, "other"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void shouldRefuseAFlippedByteAnywhereInBodyOrSignature(String provider, String contentType, String text) {
        byte[] body = utf8(text);
        String secret = secretFor(provider, "s3cret");
        Map<String, String> headers = signed(provider, contentType, body, secret);
        SignatureScheme scheme = scheme(provider, NOW);

        for (int i = 0; i < body.length; i++) {
            byte[] flipped = body.clone();
            flipped[i] ^= 0x01;
            assertThat(verifies(scheme, headers, null, flipped, secret)).as("body byte %d", i).isFalse();
        }
        String signatureHeader = signatureHeaderOf(provider);
        String signature = headers.get(signatureHeader);
        int macStart = Math.max(signature.lastIndexOf("v1=") + 3, Math.max(signature.lastIndexOf("v1,") + 3, signature.lastIndexOf("v0=") + 3));
        if (macStart < 3) {
            macStart = signature.startsWith("sha256=") ? "sha256=".length() : 0;
        }
        // the MAC's last base64 characters may carry padding bits a flip does not change: stop before them
        for (int i = macStart; i < signature.length() - 2; i++) {
            Map<String, String> tampered = new HashMap<>(headers);
            tampered.put(signatureHeader, signature.substring(0, i) + (char) (signature.charAt(i) ^ 0x01) + signature.substring(i + 1));
            assertThat(verifies(scheme, tampered, null, body, secret)).as("signature char %d of %s", i, signature).isFalse();
        }
    }

    private static String signatureHeaderOf(String provider) {
        return switch (provider) {
            case "shopify" -> "X-Shopify-Hmac-Sha256";
            case "github" -> "X-Hub-Signature-256";
            case "stripe" -> "Stripe-Signature";
            case "standard-webhooks" -> "webhook-signature";
            case "slack" -> "X-Slack-Signature";
            default -> "X-Twilio-Signature";
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void shouldPassTheHeaderCheckWithItsSignatureHeadersAndFailWithoutThem(String provider, String contentType, String text) {
        byte[] body = utf8(text);
        Map<String, String> headers = signed(provider, contentType, body, secretFor(provider, "s3cret"));
        SignatureScheme scheme = scheme(provider, NOW);

        // the header check sees no body: an empty one stands in, as in the authorizer
        assertThat(scheme.checkHeaders(request(headers, null, new byte[0])).verified()).isTrue();
        Map<String, String> unsigned = new HashMap<>(headers);
        unsigned.remove(signatureHeaderOf(provider));
        assertThat(scheme.checkHeaders(request(unsigned, null, new byte[0])).verified()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamped")
    void shouldFailTheHeaderCheckWithAStaleTimestamp(String provider) {
        Map<String, String> headers = signed(provider, "application/json", utf8("{}"), secretFor(provider, "s3cret"));

        assertThat(scheme(provider, NOW.plusSeconds(299)).checkHeaders(request(headers, null, new byte[0])).verified()).isTrue();
        assertThat(scheme(provider, NOW.plusSeconds(301)).checkHeaders(request(headers, null, new byte[0])).reason()).contains("tolerance");
    }

    static Stream<String> timestamped() {
        return Stream.of("stripe", "standard-webhooks", "slack");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamped")
    void shouldRefuseStaleAndFutureTimestamps(String provider) {
        byte[] body = utf8("{\"type\": \"ping\"}");
        String secret = secretFor(provider, "s3cret");
        Map<String, String> headers = signed(provider, "application/json", body, secret);

        assertThat(verifies(scheme(provider, NOW.plusSeconds(299)), headers, null, body, secret)).isTrue();
        assertThat(verifies(scheme(provider, NOW.plusSeconds(301)), headers, null, body, secret)).as("too old").isFalse();
        assertThat(verifies(scheme(provider, NOW.minusSeconds(301)), headers, null, body, secret)).as("too far in the future").isFalse();
        assertThat(scheme(provider, NOW.plusSeconds(301)).verify(request(headers, null, body), List.of(utf8(secret))).reason())
                .contains("tolerance");
    }

    @Test
    void shouldRefuseRatherThanFailOnUnsignedGarbage() {
        byte[] body = utf8("{}");

        assertThat(verifies(scheme("stripe", NOW), Map.of("Stripe-Signature", "t=99999999999999999,v1=00"), null, body, "whsec_x")).isFalse();
        assertThat(verifies(scheme("slack", NOW), Map.of("X-Slack-Request-Timestamp", "-99999999999999999", "X-Slack-Signature", "v0=00"),
                null, body, "s")).isFalse();
        assertThat(verifies(scheme("twilio", NOW), Map.of("X-Twilio-Signature", "AAAA", "Content-Type", FORM), null, utf8("a=%zz"), "t")).isFalse();
    }

    @Test
    void shouldAcceptAnyOfStripesV1Signatures() {
        byte[] body = utf8("{\"id\": \"evt_2\"}");
        String valid = scheme("stripe", NOW).sign(body, null, utf8("whsec_new"), NOW).get("Stripe-Signature");
        String withMore = valid.replace(",v1=", ",v1=00ff,v0=abcd,v1=");

        assertThat(verifies(scheme("stripe", NOW), Map.of("Stripe-Signature", withMore), null, body, "whsec_new")).isTrue();
        assertThat(verifies(scheme("stripe", NOW), Map.of("Stripe-Signature", "t=" + NOW.getEpochSecond()), null, body, "whsec_new")).isFalse();
    }
}
