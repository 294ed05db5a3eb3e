package routes;

import inbound.ingest.IngestHeaders;
import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import inbound.ingest.ProviderLookup;
import inbound.server.RawFormBodies;
import inbound.testing.FreePort;
import inbound.testing.WebhookClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook route on a real platform-http server (loopback, a free port, with the server shape's
 * {@link RawFormBodies} in front), the ingest route replaced by {@code mock:ingest}: what it hands on, byte
 * for byte, and that the ingest route's answer is the HTTP answer.
 */
class WebhookHttpRouteTest extends InboundRouteTestSupport {

    private final int port = FreePort.find();
    private WebhookClient client;
    private MockEndpoint ingest;

    @Override
    protected Properties overrides() {
        return new Properties();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new WebhookHttpRoute(), new RouteBuilder() {
            @Override
            public void configure() {
                from(IngestRoute.ENDPOINT).routeId("ingest").to("mock:ingest");
            }
        }};
    }

    /** The HTTP server as the server shape runs it, on loopback only. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setPort(port);
        context.addService(new VertxPlatformHttpServer(http), true, true);
        context.addStartupListener(new RawFormBodies(port));
        return context;
    }

    @BeforeEach
    void startAndAnswerAsTheIngestRouteWould() {
        context.start();
        client = new WebhookClient(port);
        ingest = getMockEndpoint("mock:ingest");
        ingest.whenAnyExchangeReceived(exchange -> answer(exchange, 202, "{\"id\": \"e-1\"}"));
    }

    private static void answer(Exchange exchange, int status, String json) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json);
    }

    @Test
    void shouldHandAJsonPostToTheIngestRouteAsIsAndAnswerWithItsAnswer() throws Exception {
        byte[] body = utf8("{\"id\": 1, \"note\": \"caf\u00e9 \u2615\"}");

        HttpResponse<String> response = client.post("shopify", body,
                Map.of("Content-Type", "application/json", "X-Shopify-Hmac-Sha256", "c2lnbmVk", "X-Shopify-Topic", "orders/create"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"id\": \"e-1\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        ingest.expectedMessageCount(1);
        ingest.assertIsSatisfied();
        Exchange handed = ingest.getReceivedExchanges().get(0);
        assertThat(handed.getMessage().getBody(byte[].class)).isEqualTo(body);
        assertThat(handed.getMessage().getHeaders())
                .containsEntry(ProviderLookup.PROVIDER_HEADER, "shopify")
                .containsEntry(Exchange.CONTENT_TYPE, "application/json")
                .containsEntry("X-Shopify-Hmac-Sha256", "c2lnbmVk")
                .containsEntry("X-Shopify-Topic", "orders/create")
                .doesNotContainKey(IngestHeaders.FORM_CONTENT_TYPE);
    }

    @Test
    void shouldHandAFormPostOnAsItsRawBytesWithItsRealContentType() throws Exception {
        // Slack signs exactly these bytes: they must not be parsed and put together again
        byte[] body = utf8("token=t&text=caf%C3%A9+%E2%98%95&empty=&flag");

        HttpResponse<String> response = client.post("slack", body, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));

        assertThat(response.statusCode()).isEqualTo(202);
        ingest.expectedMessageCount(1);
        ingest.assertIsSatisfied();
        Exchange handed = ingest.getReceivedExchanges().get(0);
        assertThat(handed.getMessage().getBody(byte[].class)).isEqualTo(body);
        assertThat(handed.getMessage().getHeaders())
                .containsEntry(ProviderLookup.PROVIDER_HEADER, "slack")
                .containsEntry(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8")
                .doesNotContainKey(IngestHeaders.FORM_CONTENT_TYPE)
                .doesNotContainKeys("token", "text");
    }

    @Test
    void shouldAnswerWithTheIngestRoutesRefusal() throws Exception {
        ingest.whenAnyExchangeReceived(exchange -> answer(exchange, 401,
                "{\"error\": \"invalid_signature\", \"message\": \"The signature does not match.\"}"));

        HttpResponse<String> response = client.post("shopify", utf8("{}"), Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\": \"invalid_signature\", \"message\": \"The signature does not match.\"}");
    }

    @Test
    void shouldTakeOnlyPostsToAProvidersPath() throws Exception {
        HttpResponse<String> get = client.get("/webhooks/shopify");
        HttpResponse<String> noProvider = client.post("", utf8("{}"), Map.of("Content-Type", "application/json"));

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(noProvider.statusCode()).isEqualTo(404);
        ingest.expectedMessageCount(0);
        ingest.assertIsSatisfied();
    }
}
