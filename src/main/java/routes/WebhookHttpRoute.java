package routes;

import inbound.server.RawFormBodies;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The server shape's webhook entry point: {@code POST /webhooks/{provider}}, handed as is to the shared
 * ingest route (a form post with its real content type back, see {@link RawFormBodies}).
 */
public class WebhookHttpRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/webhooks/{provider}?httpMethodRestrict=POST")
                .routeId("webhook-http")
                .filter(header(RawFormBodies.FORM_CONTENT_TYPE).isNotNull())
                    .setHeader(Exchange.CONTENT_TYPE, header(RawFormBodies.FORM_CONTENT_TYPE))
                    .removeHeader(RawFormBodies.FORM_CONTENT_TYPE)
                .end()
                .to(IngestRoute.ENDPOINT);
    }
}
