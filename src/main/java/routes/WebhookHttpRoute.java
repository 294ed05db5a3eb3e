package routes;

import inbound.ingest.IngestHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The server shape's webhook entry point: {@code POST /webhooks/{provider}}, handed as is to the shared
 * ingest route (a form post with its real content type back, see {@link IngestHeaders#FORM_CONTENT_TYPE}).
 */
public class WebhookHttpRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/webhooks/{provider}?httpMethodRestrict=POST")
                .routeId("webhook-http")
                .filter(header(IngestHeaders.FORM_CONTENT_TYPE).isNotNull())
                    .setHeader(Exchange.CONTENT_TYPE, header(IngestHeaders.FORM_CONTENT_TYPE))
                    .removeHeader(IngestHeaders.FORM_CONTENT_TYPE)
                .end()
                .to(IngestRoute.ENDPOINT);
    }
}
