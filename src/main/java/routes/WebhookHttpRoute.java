package routes;

import org.apache.camel.builder.RouteBuilder;

/** The server shape's webhook entry point: {@code POST /webhooks/{provider}}, handed as is to the shared ingest route. */
public class WebhookHttpRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/webhooks/{provider}?httpMethodRestrict=POST")
                .routeId("webhook-http")
                .to(IngestRoute.ENDPOINT);
    }
}
