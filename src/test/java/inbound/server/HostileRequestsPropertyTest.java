package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.InProcessInbound;
import inbound.testing.QueueReader;
import inbound.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated unsigned requests over HTTP against the server shape with its embedded queue: random
 * provider ids, signature and metadata headers (duplicated too), bodies of random bytes, JSON-like
 * text or forms. None gets a 5xx or a stack trace, and none is queued. Tries: {@code jqwik.tries.default}
 * (src/test/resources/junit-platform.properties), e.g. {@code -Djqwik.tries.default=10000}.
 */
class HostileRequestsPropertyTest {

    private static final List<String> PROVIDERS = List.of("shopify", "github", "stripe", "slack", "twilio", "standard-webhooks");
    private static final List<String> HEADER_NAMES = List.of("X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Webhook-Id",
            "X-Shopify-Shop-Domain", "X-Hub-Signature-256", "X-GitHub-Event", "X-GitHub-Delivery", "Stripe-Signature",
            "X-Slack-Signature", "X-Slack-Request-Timestamp", "X-Twilio-Signature", "webhook-id", "webhook-timestamp",
            "webhook-signature", "svix-id", "svix-signature", "X-Inbound-Api-Key", "X-Inbound-Form-Content-Type", "Content-Type");

    private static InProcessInbound server;
    private static QueueReader queue;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Header(String name, String value) {
    }

    record Hostile(String provider, String query, List<Header> headers, byte[] body) {
    }

    @BeforeContainer
    static void startServer() throws Exception {
        Properties properties = new Properties();
        PROVIDERS.forEach(provider -> properties.put("inbound.provider." + provider + ".secret", "whsec_"));
        properties.put("inbound.provider.twilio.public-url", Webhooks.TWILIO_PUBLIC_URL);
        properties.put("inbound.worker.enabled", "false");
        server = InProcessInbound.create(Files.createTempDirectory("hostile-property"), properties).start();
        queue = server.queue("webhook-events.fifo");
    }

    @AfterContainer
    static void stopServer() throws Exception {
        queue.close();
        server.close();
    }

    @Property
    void shouldNeverAnswer5xxNorAStackTraceNorQueueAnUnsignedRequest(@ForAll("hostileRequests") Hostile request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/webhooks/"
                        + request.provider() + (request.query() == null ? "" : "?" + request.query())))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(header -> builder.header(header.name(), header.value()));

        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("\tat ", "Exception", "Error:");
        assertThat(queue.queueAttributes().get("ApproximateNumberOfMessages")).isEqualTo("0");
    }

    @Provide
    Arbitrary<Hostile> hostileRequests() {
        Arbitrary<String> provider = Arbitraries.oneOf(Arbitraries.of(PROVIDERS),
                Arbitraries.strings().withChars("abcxyz019-._~").ofMaxLength(20));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.strings().withChars("abz=&2Fbody_SHA256inbound_api_key").ofMaxLength(60));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
                Arbitraries.of("sha256=", "v0=", "v1,", "t=1,v1=00", "whsec_", "application/x-www-form-urlencoded", "application/json",
                        String.valueOf(System.currentTimeMillis() / 1000)),
                Arbitraries.strings().withChars("abcdef0123456789+/=").ofMinLength(20).ofMaxLength(100).map(text -> "sha256=" + text));
        Arbitrary<List<Header>> headers = Combinators.combine(Arbitraries.of(HEADER_NAMES), value).as(Header::new).list().ofMaxSize(12);
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ abc\\u\uFFFF\u2028é").ofMaxLength(2_000).map(HostileRequestsPropertyTest::utf8),
                Arbitraries.strings().withChars("a=&%2b+ \u0000").ofMaxLength(3_000).map(HostileRequestsPropertyTest::utf8),
                Arbitraries.integers().between(1, 20_000).map(depth -> utf8("[".repeat(depth) + "]".repeat(depth))),
                Arbitraries.integers().between(1, 100_000).map(pairs -> utf8("a=&".repeat(pairs))));
        return Combinators.combine(provider, query, headers, body).as(Hostile::new);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
